// The second wall: PostgreSQL row-level security. Queries that forget their tenant filter, run the way admin
// requests run (db/tenant-scope.ts), still see and touch only the caller's tenant.
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withTenantScope } from '../../src/db/tenant-scope.js';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';

let platform: TestPlatform;
let alpha: Awaited<ReturnType<typeof signUpActiveTenant>>;
let bravo: Awaited<ReturnType<typeof signUpActiveTenant>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  [alpha, bravo] = await Promise.all([signUpActiveTenant(platform, 'alpha'), signUpActiveTenant(platform, 'bravo')]);
  const clip = await makeClip(path.join(platform.dataDir, 'c.mp4'), { seconds: 1, width: 160, height: 120 });
  await Promise.all([uploadFile(alpha.admin, clip, { title: 'alpha film' }), uploadFile(bravo.admin, clip, { title: 'bravo film' })]);
});
afterAll(() => platform?.close());

it('shows a query without a tenant filter only the scoped tenant’s rows', async () => {
  const db = platform.database.db;
  const everything = await db.selectFrom('videos').select('title').orderBy('title').execute();
  expect(everything.map((video) => video.title)).toEqual(['alpha film', 'bravo film']);

  const scoped = await withTenantScope(db, alpha.session.tenantId, async (scopedDb) => ({
    videos: await scopedDb.selectFrom('videos').select('title').execute(),
    tenants: await scopedDb.selectFrom('tenants').select('slug').execute(),
    admins: await scopedDb.selectFrom('admins').select('email').execute(),
    keys: await scopedDb.selectFrom('tenant_signing_keys').select('tenant_id').execute(),
  }));
  expect(scoped.videos.map((video) => video.title)).toEqual(['alpha film']);
  expect(scoped.tenants.map((tenant) => tenant.slug)).toEqual([alpha.slug]);
  expect(scoped.admins.map((admin) => admin.email)).toEqual([alpha.email]);
  expect(scoped.keys.every((key) => key.tenant_id === alpha.session.tenantId)).toBe(true);
});

it('lets an unfiltered update or delete touch only the scoped tenant, and refuses writing rows for another', async () => {
  const db = platform.database.db;
  await withTenantScope(db, alpha.session.tenantId, async (scopedDb) => {
    await scopedDb.updateTable('videos').set({ description: 'touched' }).execute();
    await expect(scopedDb.insertInto('playback_keys').values({ id: 'PKFORGED', tenant_id: bravo.session.tenantId, name: 'forged', secret_sealed: 'x' }).execute()).rejects.toThrow(
      /row-level security/,
    );
  });
  const descriptions = await db.selectFrom('videos').select(['title', 'description']).orderBy('title').execute();
  expect(descriptions).toEqual([
    { title: 'alpha film', description: 'touched' },
    { title: 'bravo film', description: '' },
  ]);
});

it('returns the connection to the pool unscoped', async () => {
  const db = platform.database.db;
  await withTenantScope(db, alpha.session.tenantId, async () => undefined);
  const settings = await Promise.all(
    Array.from({ length: 12 }, () => sql<{ role: string; tenant: string }>`select current_user as role, coalesce(current_setting('ott.tenant_id', true), '') as tenant`.execute(db)),
  );
  expect(settings.every(({ rows }) => rows[0]?.role !== 'ott_app' && rows[0]?.tenant === '')).toBe(true);
});
