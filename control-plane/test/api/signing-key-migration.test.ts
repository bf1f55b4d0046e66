// Upgrading a database that already has tenants: keys signing before two-phase rotation keep signing afterwards, under
// the id their CDN knows them by, and a key that was being replaced gets a retirement time.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withAwsTables } from '../../src/adapters/aws/aws-tables.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import * as signingKeyRotation from '../../src/db/migrations/0017-signing-key-rotation.js';
import { loadTenantPrivateKey } from '../../src/domain/playback/signing-keys.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

it('backfills the CDN key id of every key in use, so playback signs as before the upgrade', async () => {
  const db = database.db as unknown as Kysely<unknown>;
  await signingKeyRotation.down(db);
  const secrets = new SecretBox(randomBytes(32));
  const tenant = async () => {
    const slug = `t-${randomBytes(4).toString('hex')}`;
    return (await database.db.insertInto('tenants').values({ slug, name: slug, status: 'active' }).returning('id').executeTakeFirstOrThrow()).id;
  };
  const key = async (tenantId: string, id: string, status: 'active' | 'previous') => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await database.db
      .insertInto('tenant_signing_keys')
      .values({
        key_pair_id: id,
        tenant_id: tenantId,
        status,
        public_key_pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        private_key_sealed: secrets.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      })
      .execute();
  };
  const local = await tenant();
  await key(local, 'KLOCALOLD', 'previous');
  await key(local, 'KLOCALNEW', 'active');
  const aws = await tenant();
  await key(aws, 'KAWS', 'active');
  await withAwsTables(database.db)
    .insertInto('tenant_cloud_placements')
    .values({ tenant_id: aws, cell_id: 'eu-1', account_id: '111111111111', region: 'eu-west-1', status: 'applied', cloudfront_key_ids: JSON.stringify({ KAWS: 'K2CLOUDFRONT' }) })
    .execute();
  const unapplied = await tenant();
  await key(unapplied, 'KUNAPPLIED', 'active');
  await withAwsTables(database.db).insertInto('tenant_cloud_placements').values({ tenant_id: unapplied, cell_id: 'eu-1', account_id: '111111111111', region: 'eu-west-1' }).execute();

  await signingKeyRotation.up(db);

  expect((await loadTenantPrivateKey({ db: database.db, secrets }, local)).keyPairId).toBe('KLOCALNEW');
  expect((await loadTenantPrivateKey({ db: database.db, secrets }, aws)).keyPairId).toBe('K2CLOUDFRONT');
  await expect(loadTenantPrivateKey({ db: database.db, secrets }, unapplied)).rejects.toThrow('is not trusted by its CDN yet: run the tenant');
  const previous = await database.db.selectFrom('tenant_signing_keys').select(['cdn_key_id', 'retire_after']).where('key_pair_id', '=', 'KLOCALOLD').executeTakeFirstOrThrow();
  expect(previous.cdn_key_id).toBe('KLOCALOLD');
  expect(previous.retire_after?.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
});
