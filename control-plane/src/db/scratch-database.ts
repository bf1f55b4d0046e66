// A fresh, migrated database on a PostgreSQL server, dropped when done: one per test file or benchmark, so
// runs in parallel never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Db } from './database.js';
import { migrateToLatest } from './migrate.js';

export interface ScratchDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createScratchDatabase(adminUrl: string, options: { prefix: string; poolSize?: number }): Promise<ScratchDatabase> {
  const name = `${options.prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client(adminUrl);
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString(), { max: options.poolSize ?? 5 });
  await migrateToLatest(db);
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.destroy();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
