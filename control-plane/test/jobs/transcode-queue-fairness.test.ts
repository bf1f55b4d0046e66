// Our own transcode queue is shared by every tenant: a tenant's bulk upload must not make another tenant's single film
// wait for all of it. Real pg-boss on a real PostgreSQL database; jobs are taken the way the worker takes them
// (work-on.ts: one at a time, highest priority then oldest), and the order of the picks is what a tenant would notice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/adapters/postgres/pg-boss-queue.js';
import type { JobPayload } from '../../src/ports.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const BULK = 'aaaaaaaa-0000-4000-8000-000000000001';
const SINGLE = 'bbbbbbbb-0000-4000-8000-000000000002';
const THIRD = 'cccccccc-0000-4000-8000-000000000003';

let database: TestDatabase;
let queue: PgBossQueue;

beforeAll(async () => {
  database = await createTestDatabase();
  queue = await PgBossQueue.start(database.url);
});
afterAll(async () => {
  await queue?.stop();
  await database?.drop();
});

const transcode = (tenantId: string): JobPayload => ({ type: 'transcode-video', tenantId, videoId: randomUUID() });

/** Takes every waiting transcode one at a time, as a worker does, and returns whose each was. */
async function drain(): Promise<string[]> {
  const order: string[] = [];
  for (;;) {
    const [job] = (await queue.boss.fetch<JobPayload & { tenantId: string }>('transcode-video', { batchSize: 1 })) ?? [];
    if (!job) return order;
    order.push(job.data.tenantId);
    await queue.boss.complete('transcode-video', job.id);
  }
}

describe('taking transcodes from our queue', () => {
  it("starts a tenant's single film within the first two picks, though another tenant queued 40 before it", async () => {
    for (let i = 0; i < 40; i += 1) await queue.enqueue(transcode(BULK));
    await queue.enqueue(transcode(SINGLE));
    const order = await drain();
    expect(order).toHaveLength(41);
    expect(order.indexOf(SINGLE)).toBeLessThan(2);
  });

  it("alternates between tenants' backlogs, and keeps each tenant's films in upload order", async () => {
    const uploads: JobPayload[] = [];
    for (let i = 0; i < 6; i += 1) uploads.push(transcode(BULK));
    for (let i = 0; i < 3; i += 1) uploads.push(transcode(THIRD));
    for (const job of uploads) await queue.enqueue(job);
    const picked: string[] = [];
    for (;;) {
      const [job] = (await queue.boss.fetch<JobPayload & { videoId: string }>('transcode-video', { batchSize: 1 })) ?? [];
      if (!job) break;
      picked.push(job.data.videoId);
      await queue.boss.complete('transcode-video', job.id);
    }
    const owner = new Map(uploads.map((job) => [job.type === 'transcode-video' ? job.videoId : '', job.type === 'transcode-video' ? job.tenantId : '']));
    // The first six picks take three of each tenant; then the bulk tenant's remaining three.
    expect(picked.slice(0, 6).filter((id) => owner.get(id) === THIRD)).toHaveLength(3);
    for (const tenant of [BULK, THIRD]) {
      const mine = uploads.flatMap((job) => (job.type === 'transcode-video' && job.tenantId === tenant ? [job.videoId] : []));
      expect(picked.filter((id) => owner.get(id) === tenant)).toEqual(mine);
    }
  });
});
