// Playback URLs per tenant: in the aws shape each tenant is delivered from its own CloudFront distribution (or
// custom domain), which provisioning records; tenants without one (the local shape) use the platform's edge.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizePlayback } from '../../src/domain/playback/authorize-playback.js';
import { provisionTenant } from '../../src/domain/tenants/provision-tenant.js';
import type { TenantProvisioner } from '../../src/ports.js';
import { silentLogger } from '../../src/silent-logger.js';
import { authorizeDeps, insertPublicVideo, TEST_EDGE_URL as EDGE } from '../support/playback-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let deps: Parameters<typeof authorizePlayback>[0];

beforeAll(async () => {
  database = await createTestDatabase();
  deps = authorizeDeps(database.db);
});
afterAll(() => database?.drop());

async function publicVideoOf(deliveryDomain: string | null): Promise<string> {
  return (await insertPublicVideo(database.db, { deliveryDomain })).videoId;
}

const policyResource = (policy: string) =>
  (JSON.parse(Buffer.from(policy.replaceAll('-', '+').replaceAll('_', '=').replaceAll('~', '/'), 'base64').toString()) as { Statement: { Resource: string }[] }).Statement[0]?.Resource;

describe('playback URLs', () => {
  it("use the tenant's own delivery domain when provisioning recorded one, and sign the policy for it", async () => {
    const videoId = await publicVideoOf('d111111abcdef8.cloudfront.net');
    const grant = await authorizePlayback(deps, { videoId });
    expect(grant.manifestUrl).toMatch(new RegExp(`^https://d111111abcdef8\\.cloudfront\\.net/t/[0-9a-f-]+/v/${videoId}/master\\.m3u8$`));
    expect(grant.posterUrl?.startsWith('https://d111111abcdef8.cloudfront.net/')).toBe(true);
    // Every rung: the video's folder and its -uhd sibling (docs/storefront.md, quality tiers).
    expect(policyResource(grant.policy)).toBe(grant.manifestUrl.replace('/master.m3u8', '*'));
    expect(grant.keyPairId).toBe('K2CLOUDFRONTKEY');
  });

  it("fall back to the platform's edge for a tenant without one", async () => {
    const grant = await authorizePlayback(deps, { videoId: await publicVideoOf(null) });
    expect(grant.manifestUrl.startsWith(`${EDGE}/t/`)).toBe(true);
    expect(policyResource(grant.policy)?.startsWith(`${EDGE}/t/`)).toBe(true);
  });

  it('provisioning records the delivery domain the provisioner reports', async () => {
    const slug = `t-${randomBytes(4).toString('hex')}`;
    const { id } = await database.db.insertInto('tenants').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow();
    const provisioner: TenantProvisioner = {
      provision: async (tenant) => ({
        storagePrefix: `t/${tenant.id}/`,
        viewerPoolId: 'eu-west-1_pool',
        cdnKeyIds: Object.fromEntries(tenant.publicKeys.map((key) => [key.keyPairId, 'K2CF'])),
        deliveryDomain: 'video.acme.example',
      }),
      deprovision: async () => {},
    };
    await provisionTenant({ ...deps, provisioner }, id, { isLast: true }, silentLogger);
    expect(await database.db.selectFrom('tenants').select(['status', 'delivery_domain']).where('id', '=', id).executeTakeFirst()).toEqual({ status: 'active', delivery_domain: 'video.acme.example' });
  });
});
