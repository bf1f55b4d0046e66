// The tenants an operator's `cdktf synth` (tenant-infra main.ts, OTT_TENANTS_FROM=database) builds stacks for.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatabaseTenants } from '@ott/tenant-infra';
import { withAwsTables, type PlacementStatus } from '../../src/adapters/aws/aws-tables.js';
import type { TenantStatus } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('loadDatabaseTenants', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  const placed = async (tenantStatus: TenantStatus, placement: PlacementStatus) => {
    const slug = `t-${randomBytes(3).toString('hex')}`;
    const { id } = await database.db.insertInto('tenants').values({ slug, name: slug, status: tenantStatus }).returning('id').executeTakeFirstOrThrow();
    await database.db
      .insertInto('tenant_signing_keys')
      .values({ key_pair_id: `K${randomBytes(6).toString('hex').toUpperCase()}`, tenant_id: id, public_key_pem: pem, private_key_sealed: 'sealed', status: 'active' })
      .execute();
    await withAwsTables(database.db).insertInto('tenant_cloud_placements').values({ tenant_id: id, cell_id: 'eu-1', account_id: '111111111111', region: 'eu-west-1', status: placement }).execute();
    return slug;
  };

  it('synthesises the stacks of live tenants and of one being destroyed, never of an offboarded tenant', async () => {
    const active = await placed('active', 'applied');
    const reapplying = await placed('active', 'failed');
    const offboarding = await placed('offboarding', 'destroying');
    await placed('offboarded', 'destroyed');
    const tenants = await loadDatabaseTenants(database.url);
    expect(tenants.map((tenant) => tenant.slug)).toEqual([active, reapplying, offboarding]);
  });
});
