// The metering and billing tables are behind the row-level-security wall on every database: a new one (0003 runs
// before 0007) and one that already had 0007 when 0003 arrived.
import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Migration } from 'kysely';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import * as initial from '../../src/db/migrations/0001-initial.js';
import * as rowLevelSecurity from '../../src/db/migrations/0007-row-level-security.js';
import { createTestDatabase } from '../support/test-database.js';
import '../support/provided-context.js';

const TABLES = ['billing_accounts', 'billing_periods', 'invoices', 'meter_outbox', 'provider_invoices', 'usage_events', 'usage_rollups'];
const dropped: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of dropped) await drop();
});

async function policed(db: Db): Promise<string[]> {
  const rows = await sql<{ tablename: string }>`select tablename from pg_policies where policyname = 'tenant_isolation' and tablename = any(${TABLES}) order by tablename`.execute(db);
  return rows.rows.map((row) => row.tablename);
}

it('covers them on a new database', async () => {
  const database = await createTestDatabase();
  dropped.push(() => database.drop());
  expect(await policed(database.db)).toEqual(TABLES);
});

it('covers them on a database that had row-level security before metering arrived', async () => {
  const name = `ott_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(inject('adminDatabaseUrl'));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString(), { max: 2 });
  dropped.push(async () => {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  const older: Record<string, Migration> = { '0001-initial': initial, '0007-row-level-security': rowLevelSecurity };
  const result = await new Migrator({ db, provider: { getMigrations: async () => older } }).migrateToLatest();
  expect(result.error).toBeUndefined();
  await migrateToLatest(db);
  expect(await policed(db)).toEqual(TABLES);
});
