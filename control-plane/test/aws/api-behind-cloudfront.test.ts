// The API as the aws shape runs it behind CloudFront (tenant-infra api-distribution.ts): with the proxy settings the
// platform stack gives the API task, the country, address and host CloudFront names are believed when the request
// comes through the balancer, and ignored from any other peer (a client reaching the API directly, sending the same
// headers itself). The test's loopback stands in for the balancer's network on the trusted path.
import { randomBytes } from 'node:crypto';
import { API_PROXY_HEADERS, PLATFORM_VPC_CIDR } from '@ott/tenant-infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxySettings } from '../../src/api/proxy-settings.js';
import { readEnv } from '../../src/env.js';
import { getWithHeaders, startApiServer, type ExtraApiServer } from '../support/api-server.js';
import { insertReadyVideo } from '../support/playback-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let studio: Awaited<ReturnType<typeof signUpActiveTenant>>;
let other: Awaited<ReturnType<typeof signUpActiveTenant>>;
/** The aws settings, with the balancer's network where the test's requests come from. */
let throughCloudFront: ExtraApiServer;
/** The aws settings exactly: the test's requests do not come from the balancer's network. */
let direct: ExtraApiServer;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  [studio, other] = await Promise.all([signUpActiveTenant(platform, 'edge'), signUpActiveTenant(platform, 'elsewhere')]);
  const settings = (trustedProxies: string) => proxySettings(readEnv({ ...API_PROXY_HEADERS, OTT_TRUSTED_PROXIES: trustedProxies }));
  [throughCloudFront, direct] = await Promise.all([
    startApiServer(platform.app.deps, [], { ...settings('127.0.0.1/32'), playbackRows: platform.app.playbackRows }),
    startApiServer(platform.app.deps, [], { ...settings(PLATFORM_VPC_CIDR), playbackRows: platform.app.playbackRows }),
  ]);
});
afterAll(async () => {
  await Promise.all([throughCloudFront, direct].map((server) => server?.close()));
  await platform?.close();
});

async function authorize(server: ExtraApiServer, videoId: string, country: string): Promise<{ status: number; reason?: string; message?: string }> {
  const response = await fetch(`${server.url}/trpc/playback.authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'CloudFront-Viewer-Country': country },
    body: JSON.stringify({ videoId }),
  });
  const body = (await response.json()) as { error?: { message: string; data: { reason?: string } } };
  return { status: response.status, reason: body.error?.data.reason, message: body.error?.message };
}

/** A GET with the headers CloudFront would add. */
const get = (server: ExtraApiServer, pathname: string, headers: Record<string, string>) => getWithHeaders(server.url, pathname, headers);

describe("the viewer's country behind CloudFront", () => {
  it('refuses a title denied in Germany to a viewer CloudFront places there, and plays it elsewhere', async () => {
    const videoId = await insertReadyVideo(platform.database.db, studio.session.tenantId, { title: `Film ${randomBytes(2).toString('hex')}` });
    await studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: null, countryRule: { mode: 'deny', countries: ['DE'] } });
    expect(await authorize(throughCloudFront, videoId, 'DE')).toMatchObject({ status: 403, reason: 'not-available-in-country', message: 'Not available in your country (Germany).' });
    expect(await authorize(throughCloudFront, videoId, 'FR')).toMatchObject({ status: 200 });
  });

  it('ignores the same header from a peer that is not the balancer: a client cannot claim a country', async () => {
    const denied = await insertReadyVideo(platform.database.db, studio.session.tenantId, { title: `Film ${randomBytes(2).toString('hex')}` });
    await studio.admin.availability.set({ videoId: denied, publishAt: null, unpublishAt: null, countryRule: { mode: 'deny', countries: ['DE'] } });
    expect(await authorize(direct, denied, 'DE')).toMatchObject({ status: 200 });
    const allowed = await insertReadyVideo(platform.database.db, studio.session.tenantId, { title: `Film ${randomBytes(2).toString('hex')}` });
    await studio.admin.availability.set({ videoId: allowed, publishAt: null, unpublishAt: null, countryRule: { mode: 'allow', countries: ['GB'] } });
    expect(await authorize(direct, allowed, 'GB')).toMatchObject({ status: 403, message: expect.stringContaining('could not be determined') });
  });
});

describe("the store on a tenant's domain behind CloudFront", () => {
  it('answers only that tenant’s store on the host its distribution names, and ignores the header from anyone else', async () => {
    const db = platform.app.deps.db;
    const film = await insertReadyVideo(db, studio.session.tenantId, { title: 'Edge Film' });
    const secret = await insertReadyVideo(db, other.session.tenantId, { title: 'Elsewhere Film' });
    await db.insertInto('tenant_custom_domains').values({ tenant_id: studio.session.tenantId, domain_name: 'films.edge.example', status: 'active', updated_at: new Date() }).execute();
    try {
      // CloudFront sends the balancer's own name as Host, and the viewer's host in the distribution's header.
      const viaTenantDistribution = { Host: 'api-origin.ott.example', [API_PROXY_HEADERS.OTT_FORWARDED_HOST_HEADER]: 'films.edge.example' };
      const own = await get(throughCloudFront, `/store/${studio.slug}/title/${film}`, viaTenantDistribution);
      expect(own.status).toBe(200);
      expect(own.body).toContain(`<meta property="og:url" content="https://films.edge.example/store/${studio.slug}/title/${film}">`);
      const elsewhere = await get(throughCloudFront, `/store/${other.slug}/title/${secret}`, viaTenantDistribution);
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body).not.toContain('Elsewhere Film');
      // Sent straight to the API, the header names nothing: the store answers by slug as on the API's own host.
      const claimed = await get(direct, `/store/${studio.slug}/title/${film}`, viaTenantDistribution);
      expect(claimed.status).toBe(200);
      expect(claimed.body).not.toContain('https://films.edge.example/');
    } finally {
      await db.deleteFrom('tenant_custom_domains').where('tenant_id', '=', studio.session.tenantId).execute();
    }
  });
});
