// A fresh, migrated database per benchmark on the run's PostgreSQL, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Db } from '@ott/control-plane/src/db/database';
import { migrateToLatest } from '@ott/control-plane/src/db/migrate';

export interface BenchDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `ott_bench_${randomBytes(5).toString('hex')}`;
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
  const db = createDatabase(url.toString(), { max: 20 });
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
