// Storefront recommendations on real PostgreSQL: each reason chosen on data built for it (trending from this week's
// audience plays, because you watched from co-viewing, more like this from shared labels), previews and unavailable
// titles left out, another tenant's plays never counted, each title once within the limit; and through tRPC, the
// anonymous answer, the personal one, and a bad sign-in that answers as anonymous.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommendationSentence, type Recommendation } from '@ott/contracts';
import type { Db } from '../../src/db/database.js';
import { withTenantScope } from '../../src/db/tenant-scope.js';
import { recommendationsFor } from '../../src/domain/storefront/recommendations.js';
import { waitForEmail } from '../support/mailbox.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

const NOW = new Date('2026-12-07T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.close());

const db = () => platform.database.db;

async function newTenant(name: string): Promise<string> {
  const slug = `${name}-${randomBytes(3).toString('hex')}`;
  return (await db().insertInto('tenants').values({ slug, name, status: 'active', updated_at: NOW }).returning('id').executeTakeFirstOrThrow()).id;
}

interface VideoOptions {
  categories?: string[];
  tags?: string[];
  status?: 'ready' | 'failed';
  accessMode?: 'public' | 'viewers' | 'token';
  publishAt?: Date;
  unpublishAt?: Date;
}

async function video(tenantId: string, title: string, options: VideoOptions = {}): Promise<string> {
  const row = await db()
    .insertInto('videos')
    .values({
      tenant_id: tenantId,
      title,
      access_mode: options.accessMode ?? 'public',
      status: options.status ?? 'ready',
      source_key: `sources/${tenantId}/${title}.mp4`,
      source_filename: `${title}.mp4`,
      source_size: 1,
      part_size: 1,
      categories: options.categories ?? [],
      tags: options.tags ?? [],
      publish_at: options.publishAt ?? null,
      unpublish_at: options.unpublishAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One playback session of `seconds` watched, last reported `ago` before NOW. */
async function play(tenantId: string, videoId: string, seconds: number, ago = HOUR, preview = false): Promise<void> {
  const at = new Date(NOW.getTime() - ago);
  await db().insertInto('playback_sessions').values({ session_id: randomUUID(), tenant_id: tenantId, video_id: videoId, preview, watched_seconds: seconds, updated_at: at }).execute();
}

async function watched(tenantId: string, viewerId: string, videoIds: string[], finished = false): Promise<void> {
  for (const [index, videoId] of videoIds.entries()) {
    await db()
      .insertInto('viewer_progress')
      .values({ tenant_id: tenantId, viewer_id: viewerId, video_id: videoId, position_seconds: 60, finished, updated_at: new Date(NOW.getTime() - (index + 1) * HOUR) })
      .execute();
  }
}

/**
 * Under the tenant's scope, as the API runs it, and again without it: each wall alone (the queries' tenant filters,
 * row-level security) keeps other tenants' rows out, so both answers must be the same.
 */
async function recommend(tenantId: string, input: { viewerId?: string; videoId?: string; limit?: number } = {}): Promise<Recommendation[]> {
  const ask = (scoped: Db) => recommendationsFor({ db: scoped, clock: { now: () => NOW } }, { tenantId, viewerId: input.viewerId ?? null, videoId: input.videoId, limit: input.limit ?? 10 });
  const answer = await withTenantScope(db(), tenantId, ask);
  expect(await ask(db()), 'without the tenant scope').toEqual(answer);
  return answer;
}

describe('recommendationsFor', () => {
  it('trends this week’s audience plays, recent days weighing more, ties by title; previews, unavailable titles and other tenants left out', async () => {
    const alpha = await newTenant('Alpha');
    const bravo = await newTenant('Bravo');
    const today = await video(alpha, 'Today');
    const earlier = await video(alpha, 'Earlier');
    const old = await video(alpha, 'Old');
    const tieB = await video(alpha, 'Beta tie');
    const tieA = await video(alpha, 'Alpha tie');
    await play(alpha, today, 600); // 600 × 7
    await play(alpha, earlier, 1000, 5 * DAY + HOUR); // 1000 × 2 …
    await play(alpha, earlier, 200); // … + 200 × 7: behind Today although more seconds were watched
    await play(alpha, old, 3000, 8 * DAY); // outside the week
    await play(alpha, old, 100, 6 * DAY + 12 * HOUR); // 100 × 1
    await play(alpha, tieB, 50);
    await play(alpha, tieA, 50);
    // Watched a great deal, but not by the audience or not showable now.
    await play(alpha, await video(alpha, 'Previewed'), 10_000, HOUR, true);
    await play(alpha, await video(alpha, 'Scheduled', { publishAt: new Date(NOW.getTime() + DAY) }), 10_000);
    await play(alpha, await video(alpha, 'Expired', { unpublishAt: new Date(NOW.getTime() - HOUR) }), 10_000);
    await play(alpha, await video(alpha, 'Failed', { status: 'failed' }), 10_000);
    await play(alpha, await video(alpha, 'Backend only', { accessMode: 'token' }), 10_000);
    // Tenant B's audience, on its own titles and on a session row naming A's title.
    await play(bravo, await video(bravo, 'Bravo hit'), 100_000);
    await play(bravo, old, 100_000);

    const titles = (await recommend(alpha)).map((recommendation) => [recommendation.title, recommendation.reason.kind]);
    expect(titles).toEqual([
      ['Today', 'trending'],
      ['Earlier', 'trending'],
      ['Alpha tie', 'trending'],
      ['Beta tie', 'trending'],
      ['Old', 'trending'],
    ]);
    expect((await recommend(bravo)).map((recommendation) => recommendation.title)).toEqual(['Bravo hit']);
  });

  it('recommends what co-viewers watched, naming the title that contributed most, never what the viewer watched', async () => {
    const alpha = await newTenant('Alpha');
    const bravo = await newTenant('Bravo');
    const [a, b, x, y, z, q] = await Promise.all(['A', 'B', 'X', 'Y', 'Z', 'Q'].map((title) => video(alpha, title)));
    const gone = await video(alpha, 'Gone', { unpublishAt: new Date(NOW.getTime() - DAY) });
    await watched(alpha, 'me', [a!]);
    await watched(alpha, 'me', [b!], true);
    await watched(alpha, 'v1', [a!, x!, y!, gone]);
    await watched(alpha, 'v2', [a!, x!, gone]);
    await watched(alpha, 'v3', [b!, x!, z!]);
    await watched(alpha, 'v4', [b!, z!]);
    await watched(alpha, 'v5', [q!]);
    // Tenant B's viewers of the same titles would put Y first if they were counted.
    for (const viewer of ['b1', 'b2', 'b3', 'b4', 'b5']) await watched(bravo, viewer, [a!, y!]);
    // Viewer ids of B's pool that happen to be A's: their viewing in B counts for nothing in A.
    await watched(bravo, 'v5', [a!]);
    await watched(bravo, 'v1', [q!]);

    // X: 2/√(3·4) with A + 1/√(3·4) with B; Z: 2/√(2·4) with B; Y: 1/√(1·4) with A.
    expect(await recommend(alpha, { viewerId: 'me' })).toEqual([
      { videoId: x, title: 'X', reason: { kind: 'because-you-watched', videoId: a, title: 'A' } },
      { videoId: z, title: 'Z', reason: { kind: 'because-you-watched', videoId: b, title: 'B' } },
      { videoId: y, title: 'Y', reason: { kind: 'because-you-watched', videoId: a, title: 'A' } },
    ]);
    // Nothing personal for an anonymous visitor, and no plays: nothing at all.
    expect(await recommend(alpha)).toEqual([]);
  });

  it('finds more like the title being viewed by shared categories and tags, leaving out its own series and itself', async () => {
    const alpha = await newTenant('Alpha');
    const bravo = await newTenant('Bravo');
    const seed = await video(alpha, 'Interstellar', { categories: ['Drama', 'Science fiction'], tags: ['space'] });
    const close = await video(alpha, 'Gravity', { categories: ['drama'], tags: ['Space'] });
    const far = await video(alpha, 'Amélie', { categories: ['Drama'], tags: ['romance', 'paris'] });
    const otherSeries = await video(alpha, 'Cosmos 1', { categories: ['Science fiction'] });
    await video(alpha, 'Airplane!', { categories: ['Comedy'] });
    await video(alpha, 'Expired twin', { categories: ['Drama', 'Science fiction'], tags: ['space'], unpublishAt: new Date(NOW.getTime() - DAY) });
    const sibling = await video(alpha, 'Interstellar part 2', { categories: ['Drama', 'Science fiction'], tags: ['space'] });
    await video(bravo, 'Bravo twin', { categories: ['Drama', 'Science fiction'], tags: ['space'] });
    const episode = async (seriesTitle: string, videoIds: string[]) => {
      const series = await db().insertInto('series').values({ tenant_id: alpha, title: seriesTitle, updated_at: NOW }).returning('id').executeTakeFirstOrThrow();
      const season = await db().insertInto('seasons').values({ tenant_id: alpha, series_id: series.id, number: 1 }).returning('id').executeTakeFirstOrThrow();
      for (const [index, videoId] of videoIds.entries()) {
        await db()
          .insertInto('episodes')
          .values({ tenant_id: alpha, series_id: series.id, season_id: season.id, video_id: videoId, episode_number: index + 1 })
          .execute();
      }
    };
    await episode('Interstellar saga', [seed, sibling]);
    await episode('Cosmos', [otherSeries]);

    expect(await recommend(alpha, { videoId: seed })).toEqual([
      { videoId: close, title: 'Gravity', reason: { kind: 'more-like-this', videoId: seed, title: 'Interstellar', shared: ['Drama', 'space'] } },
      { videoId: otherSeries, title: 'Cosmos 1', reason: { kind: 'more-like-this', videoId: seed, title: 'Interstellar', shared: ['Science fiction'] } },
      { videoId: far, title: 'Amélie', reason: { kind: 'more-like-this', videoId: seed, title: 'Interstellar', shared: ['Drama'] } },
    ]);
    // Another tenant's id as the title being viewed finds nothing of it.
    expect(await recommend(bravo, { videoId: seed })).toEqual([]);
  });

  it('gives each title once with its strongest reason, mixes the reasons, respects the limit and skips what the viewer finished', async () => {
    const alpha = await newTenant('Alpha');
    const seed = await video(alpha, 'Seed', { categories: ['Drama'] });
    const m1 = await video(alpha, 'M1', { categories: ['Drama'] });
    await video(alpha, 'M2', { categories: ['Drama'] });
    const t1 = await video(alpha, 'T1');
    const t2 = await video(alpha, 'T2');
    const finished = await video(alpha, 'Finished', { categories: ['Drama'] });
    await watched(alpha, 'me', [finished], true);
    for (const [videoId, seconds] of [
      [seed, 5000],
      [m1, 4000],
      [finished, 3000],
      [t1, 2000],
      [t2, 1000],
    ] as const) {
      await play(alpha, videoId, seconds);
    }

    const all = await recommend(alpha, { viewerId: 'me', videoId: seed });
    expect(all.map((recommendation) => [recommendation.title, recommendation.reason.kind])).toEqual([
      ['M1', 'more-like-this'],
      ['T1', 'trending'],
      ['M2', 'more-like-this'],
      ['T2', 'trending'],
    ]);
    expect((await recommend(alpha, { viewerId: 'me', videoId: seed, limit: 3 })).map((recommendation) => recommendation.title)).toEqual(['M1', 'T1', 'M2']);
    // Anonymous on the home page: the whole week's chart, the finished title included.
    expect((await recommend(alpha, { limit: 2 })).map((recommendation) => recommendation.title)).toEqual(['Seed', 'M1']);
  });
});

it('words each reason for a viewer', () => {
  expect(recommendationSentence({ kind: 'trending' }, 'Acme Films')).toBe('Trending in Acme Films this week');
  expect(recommendationSentence({ kind: 'because-you-watched', videoId: 'a', title: 'Alien' }, 'Acme Films')).toBe('Because you watched Alien');
  expect(recommendationSentence({ kind: 'more-like-this', videoId: 'a', title: 'Alien', shared: ['Drama', 'Space'] }, 'Acme Films')).toBe('More like Alien: shared Drama, Space');
});

describe('storefront.recommendations', () => {
  it('answers anonymous visitors, personalises for the site’s signed-in viewer, and treats a bad sign-in as anonymous', async () => {
    await platform.startWorker();
    const site = await signUpActiveTenant(platform, 'alpha');
    const tenantId = site.session.tenantId;
    const hit = await video(tenantId, 'Hit');
    const seen = await video(tenantId, 'Seen');
    const also = await video(tenantId, 'Also');
    await db().insertInto('playback_sessions').values({ session_id: randomUUID(), tenant_id: tenantId, video_id: hit, watched_seconds: 300, updated_at: new Date() }).execute();
    await watched(tenantId, 'a-neighbour', [seen, also]);

    const anonymous = await platform.caller().storefront.recommendations({ tenantSlug: site.slug });
    expect(anonymous).toEqual({ personalised: false, recommendations: [{ videoId: hit, title: 'Hit', reason: { kind: 'trending' }, sentence: 'Trending in alpha Films this week' }] });
    await expect(platform.caller('not-a-token').storefront.recommendations({ tenantSlug: site.slug })).resolves.toEqual(anonymous);

    await site.admin.viewers.setSignUp({ open: true });
    const email = 'viewer@example.com';
    const since = new Date(Date.now() - 1000);
    await platform.caller().viewerAuth.startSignUp({ tenantSlug: site.slug, email });
    const code = /Code: (\d{6})/.exec((await waitForEmail(db(), { kind: 'viewer-sign-up', to: email, since })).text)?.[1] ?? '';
    const { idToken } = await platform.caller().viewerAuth.completeSignUp({ tenantSlug: site.slug, email, code, password: 'a viewing password' });
    const viewerId = (await site.admin.viewers.list()).data.find((viewer) => viewer.email === email)?.viewerId ?? '';
    await db().insertInto('viewer_progress').values({ tenant_id: tenantId, viewer_id: viewerId, video_id: seen, position_seconds: 30 }).execute();

    const personal = await platform.caller(idToken).storefront.recommendations({ tenantSlug: site.slug, limit: 5 });
    expect(personal).toEqual({
      personalised: true,
      recommendations: [
        { videoId: also, title: 'Also', reason: { kind: 'because-you-watched', videoId: seen, title: 'Seen' }, sentence: 'Because you watched Seen' },
        { videoId: hit, title: 'Hit', reason: { kind: 'trending' }, sentence: 'Trending in alpha Films this week' },
      ],
    });
    // The same token on another site is not a sign-in there.
    const other = await signUpActiveTenant(platform, 'bravo');
    expect((await platform.caller(idToken).storefront.recommendations({ tenantSlug: other.slug })).personalised).toBe(false);
    await expect(platform.caller().storefront.recommendations({ tenantSlug: 'no-such-site' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'This site was not found.' });
    await expect(platform.caller().storefront.recommendations({ tenantSlug: site.slug, limit: 500 })).rejects.toThrow(/at most 50 titles/);
  });
});
