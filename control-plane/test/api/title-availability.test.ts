// Availability through the real HTTP route: the publish window on a clock the test moves, the country rule with
// the country a trusted proxy names (and only a trusted proxy), the grant capped at unpublish_at, the admin's
// preview before publish_at, and the messages a tenant gets for a rule it cannot save.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCidr } from '@ott/signing';
import { startApiServer, movableClock, type ExtraApiServer } from '../support/api-server.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { insertReadyVideo } from '../support/playback-fixtures.js';
import { rest } from '../support/rest-client.js';

let platform: TestPlatform;
let studio: Awaited<ReturnType<typeof signUpActiveTenant>>;
const clock = movableClock();
/** Believes X-Test-Country from 127.0.0.1, its test proxy. */
let proxied: ExtraApiServer;
/** Told the header's name but given no trusted proxy: must never believe it. */
let unproxied: ExtraApiServer;
/** No header; every viewer is in Germany. */
let german: ExtraApiServer;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  studio = await signUpActiveTenant(platform, 'avail');
  const deps = { ...platform.app.deps, clock };
  const viewerCountry = { header: 'X-Test-Country' };
  [proxied, unproxied, german] = await Promise.all([
    startApiServer(deps, [parseCidr('127.0.0.1/32')!], { viewerCountry, playbackRows: platform.app.playbackRows }),
    startApiServer(deps, [], { viewerCountry }),
    startApiServer(deps, [], { viewerCountry: { fallback: 'DE' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([proxied, unproxied, german].map((server) => server?.close()));
  await platform?.close();
});

/** A ready public video of the studio (no media: nothing is fetched). */
const readyVideo = () => insertReadyVideo(platform.database.db, studio.session.tenantId, { title: `Film ${randomBytes(2).toString('hex')}` });

interface Answer {
  status: number;
  message?: string;
  reason?: string;
  availableFrom?: string;
  expiresAt?: string;
}

async function authorize(server: ExtraApiServer, videoId: string, options: { country?: string; credential?: string } = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/trpc/playback.authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.country ? { 'x-test-country': options.country } : {}) },
    body: JSON.stringify({ videoId, ...(options.credential ? { credential: options.credential } : {}) }),
  });
  const body = (await response.json()) as { result?: { data: { expiresAt: string } }; error?: { message: string; data: { reason?: string; availableFrom?: string } } };
  return { status: response.status, message: body.error?.message, reason: body.error?.data.reason, availableFrom: body.error?.data.availableFrom, expiresAt: body.result?.data.expiresAt };
}

const inHours = (hours: number) => new Date(clock.now().getTime() + hours * 3_600_000);

describe('the publish window', () => {
  it('says when a title opens, plays it from then on, caps grants at its end and says since when it ended', async () => {
    const videoId = await readyVideo();
    const publishAt = inHours(24);
    const unpublishAt = new Date(publishAt.getTime() + 5 * 60_000);
    const saved = await studio.admin.availability.set({ videoId, publishAt: publishAt.toISOString(), unpublishAt: unpublishAt.toISOString(), countryRule: null });
    expect(saved.state).toBe('scheduled');

    const early = await authorize(proxied, videoId);
    expect(early).toMatchObject({ status: 403, reason: 'not-yet-available', availableFrom: publishAt.toISOString() });
    expect(early.message).toMatch(/^Available from \d{1,2} \w+ \d{4}, \d\d:\d\d UTC\.$/);

    // The admin previews it before it opens: their preview token is not bound by the window.
    const { token } = await studio.admin.videos.previewToken({ videoId });
    expect(await authorize(proxied, videoId, { credential: token })).toMatchObject({ status: 200 });

    clock.advance(24 * 3_600_000);
    const open = await authorize(proxied, videoId);
    expect(open.status).toBe(200);
    // Ten-minute grants, but the title ends in five: the grant ends with it.
    expect(new Date(open.expiresAt!).getTime()).toBe(unpublishAt.getTime());

    clock.advance(5 * 60_000);
    const ended = await authorize(proxied, videoId);
    expect(ended).toMatchObject({ status: 403, reason: 'no-longer-available' });
    expect(ended.message).toMatch(/^No longer available since .+ UTC\.$/);
  });

  it('refuses a viewers-only title before asking anyone to sign in, and its sign-in screen names nothing before it opens', async () => {
    const videoId = await readyVideo();
    await platform.database.db.updateTable('videos').set({ access_mode: 'viewers' }).where('id', '=', videoId).execute();
    expect((await platform.caller().viewerAuth.signInScreen({ videoId })).title).toMatch(/^Film /);
    // An hour after the test's clock (which earlier tests moved a day on), so later than the real one too.
    await studio.admin.availability.set({ videoId, publishAt: inHours(1).toISOString(), unpublishAt: null, countryRule: null });
    expect(await authorize(proxied, videoId)).toMatchObject({ status: 403, reason: 'not-yet-available' });
    await expect(platform.caller().viewerAuth.signInScreen({ videoId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the country rule', () => {
  it('refuses a denied country by name, plays elsewhere and where the country is not known', async () => {
    const videoId = await readyVideo();
    await studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: null, countryRule: { mode: 'deny', countries: ['DE', 'AT'] } });
    expect(await authorize(proxied, videoId, { country: 'DE' })).toMatchObject({ status: 403, reason: 'not-available-in-country', message: 'Not available in your country (Germany).' });
    expect(await authorize(proxied, videoId, { country: 'fr' })).toMatchObject({ status: 200 });
    expect(await authorize(proxied, videoId)).toMatchObject({ status: 200 });
    // The fixed country of a deployment whose viewers are all in one place.
    expect(await authorize(german, videoId)).toMatchObject({ status: 403, message: 'Not available in your country (Germany).' });
  });

  it('refuses an allow list’s outsiders, and a viewer whose country cannot be determined (CloudFront’s XX)', async () => {
    const videoId = await readyVideo();
    await studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: null, countryRule: { mode: 'allow', countries: ['GB'] } });
    expect(await authorize(proxied, videoId, { country: 'GB' })).toMatchObject({ status: 200 });
    expect(await authorize(proxied, videoId, { country: 'US' })).toMatchObject({ status: 403, message: 'Not available in your country (United States).' });
    expect(await authorize(proxied, videoId, { country: 'XX' })).toMatchObject({
      status: 403,
      message: 'This video is only available in some countries, and your country could not be determined.',
    });
  });

  it('ignores the header when no trusted proxy wrote it: a client cannot claim a country', async () => {
    const videoId = await readyVideo();
    await studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: null, countryRule: { mode: 'allow', countries: ['GB'] } });
    expect(await authorize(unproxied, videoId, { country: 'GB' })).toMatchObject({ status: 403, reason: 'not-available-in-country', message: expect.stringContaining('could not be determined') });
    await studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: null, countryRule: { mode: 'deny', countries: ['GB'] } });
    expect(await authorize(unproxied, videoId, { country: 'GB' })).toMatchObject({ status: 200 });
  });

  it('lifts a rule at once for a cached row: the change evicts it', async () => {
    const videoId = await readyVideo();
    await studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: null, countryRule: { mode: 'deny', countries: ['DE'] } });
    expect(await authorize(proxied, videoId, { country: 'DE' })).toMatchObject({ status: 403 });
    await studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: null, countryRule: null });
    expect(await authorize(proxied, videoId, { country: 'DE' })).toMatchObject({ status: 200 });
  });
});

describe('saving availability', () => {
  it('explains each rule it cannot save', async () => {
    const videoId = await readyVideo();
    const set = (change: Partial<Parameters<typeof studio.admin.availability.set>[0]>) => studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: null, countryRule: null, ...change });
    await expect(set({ countryRule: { mode: 'deny', countries: ['UK'] } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '"UK" is not an ISO 3166-1 country code: use "GB" (United Kingdom).',
    });
    await expect(set({ countryRule: { mode: 'deny', countries: ['de'] } })).rejects.toMatchObject({ message: 'Write country codes in capitals: "DE", not "de".' });
    await expect(set({ countryRule: { mode: 'allow', countries: ['ZQ'] } })).rejects.toMatchObject({
      message: '"ZQ" is not an ISO 3166-1 alpha-2 country code (two capital letters, such as DE, FR or US).',
    });
    await expect(set({ countryRule: { mode: 'allow', countries: [] } })).rejects.toMatchObject({ message: expect.stringContaining('An allow list needs at least one country') });
    await expect(set({ publishAt: '2027-03-01T09:00:00Z', unpublishAt: '2027-03-01T08:00:00Z' })).rejects.toMatchObject({
      message: 'The end of availability (1 March 2027, 08:00 UTC) must come after its start (1 March 2027, 09:00 UTC).',
    });
    await expect(set({ publishAt: 'next tuesday' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('ISO 8601') });
    const saved = await set({ countryRule: { mode: 'allow', countries: ['IE', 'GB', 'GB'] } });
    expect(saved.countryRule).toEqual({ mode: 'allow', countries: ['GB', 'IE'] });
  });
});

describe('over REST', () => {
  it('sets and reads the window with an API key, and explains a bad code', async () => {
    const videoId = await readyVideo();
    const { key } = await studio.admin.apiKeys.create({ name: 'availability', scopes: ['read', 'write'] });
    const put = await rest<{ state: string; countryRule: unknown }>(platform.apiUrl, 'PUT', `/v1/videos/${videoId}/availability`, {
      key,
      body: { publishAt: '2099-01-01T00:00:00Z', unpublishAt: null, countryRule: { mode: 'deny', countries: ['RU'] } },
    });
    expect(put).toMatchObject({ status: 200, body: { state: 'scheduled', countryRule: { mode: 'deny', countries: ['RU'] } } });
    expect((await rest(platform.apiUrl, 'GET', `/v1/videos/${videoId}/availability`, { key })).body).toMatchObject({ publishAt: '2099-01-01T00:00:00.000Z', unpublishAt: null });
    const bad = await rest<{ error: { message: string } }>(platform.apiUrl, 'PUT', `/v1/videos/${videoId}/availability`, {
      key,
      body: { publishAt: null, unpublishAt: null, countryRule: { mode: 'allow', countries: ['UK'] } },
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { message: '"UK" is not an ISO 3166-1 country code: use "GB" (United Kingdom).' } } });
  });
});
