// A job queued in one process (the API) is taken by a worker in another at once, not at the worker's next poll:
// the worker here polls once an hour, so only the NOTIFY wake-up (job-wake-listener.ts) can start the jobs in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/adapters/postgres/pg-boss-queue.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

const HOUR = 3600;

let database: TestDatabase;
let api: PgBossQueue;
let worker: PgBossQueue;
const taken: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  [api, worker] = await Promise.all([PgBossQueue.start(database.url), PgBossQueue.start(database.url)]);
  const workerId = await worker.boss.work<{ email: string }>('send-admin-password-reset', { batchSize: 1, pollingIntervalSeconds: HOUR }, async ([job]) => {
    if (job) taken.push(job.data.email);
  });
  await worker.wakeOnNotify('send-admin-password-reset', workerId);
});
afterAll(async () => {
  await Promise.all([api?.stop(), worker?.stop()]);
  await database?.drop();
});

describe('waking workers when a job is queued', () => {
  it('starts a job queued by another process long before the worker would poll again, and each job after it', async () => {
    for (const email of ['first@example.com', 'second@example.com', 'third@example.com']) {
      await api.enqueue({ type: 'send-admin-password-reset', tenantSlug: 'wake', email });
      // An hour-long poll cannot get here within the wait: only the wake-up does.
      await waitFor(async () => (taken.includes(email) ? true : undefined), { what: `${email} taken`, timeoutMs: 60_000 });
    }
    expect(taken).toEqual(['first@example.com', 'second@example.com', 'third@example.com']);
  });
});
