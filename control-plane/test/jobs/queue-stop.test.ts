// Stopping the queue while a handler still runs: pg-boss waits 10 s for it, fails its job (to be retried) and the
// queue ends its pool. When the handler ends afterwards, pg-boss records its completion without awaiting it; on the
// ended pool that write rejected unhandled (an "unhandled error" failing a whole test run once). It is dropped now.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/adapters/postgres/pg-boss-queue.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('stopping the queue while a job runs', () => {
  it('lets a handler that outlives the graceful stop finish without an unhandled rejection, and its job is retried', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const queue = await PgBossQueue.start(database.url);
      let started = false;
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      await queue.boss.work('send-admin-password-reset', { batchSize: 1, pollingIntervalSeconds: 1 }, async () => {
        started = true;
        await released;
      });
      await queue.enqueue({ type: 'send-admin-password-reset', tenantSlug: 'stop', email: 'late@example.com' });
      await waitFor(async () => (started ? true : undefined), { what: 'the handler started', timeoutMs: 30_000 });
      await queue.stop();
      release();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(unhandled).toEqual([]);
      const { rows } = await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE name = 'send-admin-password-reset'`.execute(database.db);
      expect(rows).toEqual([{ state: 'retry' }]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 60_000);
});
