// Egress from the local edge's JSON-lines log: incremental, and never counting a byte twice however often it runs,
// with half-written lines, rotation, truncation and two ingesters at once.
import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EdgeLogFiles } from '../../src/adapters/local/edge-log-files.js';
import { ingestEdgeLogs } from '../../src/domain/usage/delivery-ingestion.js';
import type { AccessLogRecord } from '../../src/edge/access-log.js';
import { insertTenant, TestClock } from '../support/billing-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let logsDir: string;
let tenant: string;
let other: string;
const video = '0a0b0c0d-1111-4222-8333-444455556666';
const deps = () => ({ db: database.db, clock: new TestClock(new Date('2026-11-21T12:00:00Z')) });

beforeAll(async () => {
  database = await createTestDatabase();
  [tenant, other] = await Promise.all([insertTenant(database.db).then((t) => t.tenantId), insertTenant(database.db).then((t) => t.tenantId)]);
});
beforeEach(async () => {
  logsDir = await mkdtemp(path.join(tmpdir(), 'ott-edge-logs-'));
  await database.db.deleteFrom('usage_events').execute();
  await database.db.deleteFrom('usage_rollups').execute();
  await database.db.deleteFrom('log_cursors').execute();
  await database.db.deleteFrom('refused_deliveries').execute();
});
afterAll(async () => {
  await database?.drop();
  await rm(logsDir, { recursive: true, force: true });
});

function record(bytes: number, options: { tenantId?: string; file?: string; time?: string; status?: number } = {}): string {
  const tenantId = options.tenantId ?? tenant;
  const line: AccessLogRecord = {
    time: options.time ?? '2026-11-21T10:15:00.000Z',
    tenantId,
    videoId: video,
    path: `/t/${tenantId}/v/${video}/${options.file ?? '720p/seg-00001.m4s'}`,
    status: options.status ?? 200,
    bytes,
    clientIp: '127.0.0.1',
    userAgent: 'test',
  };
  return `${JSON.stringify(line)}\n`;
}

async function egressOf(tenantId: string): Promise<number> {
  const row = await database.db
    .selectFrom('usage_events')
    .select((eb) => eb.fn.sum<string>('quantity').as('bytes'))
    .where('tenant_id', '=', tenantId)
    .where('meter', '=', 'egress')
    .executeTakeFirst();
  return Number(row?.bytes ?? 0);
}

const log = () => path.join(logsDir, 'edge-access.jsonl');

describe('local edge log ingestion', () => {
  it('counts bytes per tenant and plays per video, and nothing more when run again', async () => {
    await writeFile(log(), record(1000, { file: 'master.m3u8' }) + record(5000) + record(7, { tenantId: other }) + record(99, { tenantId: '11111111-2222-4333-8444-555555555555' }) + 'not json\n');
    const reader = new EdgeLogFiles(logsDir);
    const first = await ingestEdgeLogs(deps(), reader);
    expect(first).toMatchObject({ files: 1, records: 4, malformed: 1, unattributed: 1 });
    expect(await egressOf(tenant)).toBe(6000);
    expect(await egressOf(other)).toBe(7);
    const plays = await database.db.selectFrom('usage_rollups').select('quantity').where('tenant_id', '=', tenant).where('meter', '=', 'plays').where('granularity', '=', 'day').executeTakeFirst();
    expect(Number(plays?.quantity)).toBe(1);

    expect(await ingestEdgeLogs(deps(), reader)).toMatchObject({ chunks: 0, eventsRecorded: 0 });
    expect(await egressOf(tenant)).toBe(6000);
  });

  it('bills only what the edge served: refused requests become no egress and no play, but the operator’s count, once', async () => {
    // A burst of unsigned or forged requests for the master playlist and segments, then one real play.
    const burst = Array.from({ length: 40 }, (_, index) => record(41, { status: 403, file: index % 2 ? 'master.m3u8' : '720p/seg-00001.m4s' }));
    await writeFile(
      log(),
      burst.join('') + record(7, { status: 404, file: 'nope.m4s' }) + record(0, { status: 403, tenantId: other }) + record(1000, { file: 'master.m3u8' }) + record(5000, { status: 206 }),
    );
    const first = await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    expect(first).toMatchObject({ records: 44, refusedRecorded: 42, unattributed: 0 });
    expect(await egressOf(tenant)).toBe(6000);
    expect(await egressOf(other)).toBe(0);
    const plays = await database.db.selectFrom('usage_events').select('quantity').where('tenant_id', '=', tenant).where('meter', '=', 'plays').execute();
    expect(plays.map((row) => Number(row.quantity))).toEqual([1]);
    const refused = await database.db
      .selectFrom('refused_deliveries')
      .select(['tenant_id', 'video_id', 'hour', 'status', 'source', 'requests', 'bytes'])
      .orderBy('status')
      .orderBy('tenant_id')
      .execute();
    expect(refused.map((row) => ({ ...row, requests: Number(row.requests), bytes: Number(row.bytes) }))).toEqual(
      [
        { tenant_id: tenant, video_id: video, hour: new Date('2026-11-21T10:00:00Z'), status: 403, source: 'local-edge', requests: 40, bytes: 40 * 41 },
        { tenant_id: other, video_id: video, hour: new Date('2026-11-21T10:00:00Z'), status: 403, source: 'local-edge', requests: 1, bytes: 0 },
        { tenant_id: tenant, video_id: video, hour: new Date('2026-11-21T10:00:00Z'), status: 404, source: 'local-edge', requests: 1, bytes: 7 },
      ].sort((a, b) => a.status - b.status || a.tenant_id.localeCompare(b.tenant_id)),
    );
    // A re-run reads nothing new; a re-read of the same range (a lost cursor) adds nothing either.
    expect(await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir))).toMatchObject({ chunks: 0, refusedRecorded: 0 });
    await database.db.deleteFrom('log_cursors').execute();
    expect(await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir))).toMatchObject({ chunks: 1, eventsRecorded: 0, refusedRecorded: 0 });
    expect(await egressOf(tenant)).toBe(6000);
    // A tenant table like the others: behind the same row-level policy.
    expect((await sql`select 1 from pg_policies where tablename = 'refused_deliveries' and policyname = 'tenant_isolation'`.execute(database.db)).rows).toHaveLength(1);
  });

  it('reads only complete lines, and the rest once the edge has finished writing it', async () => {
    const half = record(300).slice(0, 40);
    await writeFile(log(), record(100) + half);
    await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    expect(await egressOf(tenant)).toBe(100);
    await appendFile(log(), record(300).slice(40) + record(20));
    await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    expect(await egressOf(tenant)).toBe(420);
  });

  it('reads in chunks and resumes from the byte offset', async () => {
    await writeFile(log(), Array.from({ length: 50 }, (_, index) => record(index + 1)).join(''));
    const summary = await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir), { maxChunkBytes: 1000 });
    expect(summary.chunks).toBeGreaterThan(5);
    expect(await egressOf(tenant)).toBe((50 * 51) / 2);
  });

  it('sums a file larger than one read into one transaction, a malformed line in the middle skipped and counted', async () => {
    // Over 4 MiB: read in two pieces, committed together, with a broken line between them.
    const lines = Array.from({ length: 18_000 }, (_, index) => record(index % 7, { time: `2026-11-21T${String(index % 24).padStart(2, '0')}:15:00.000Z` }));
    lines.splice(9_000, 0, '{"time":"2026-11-21T10:15:00.000Z","tenantId":\n');
    await writeFile(log(), lines.join(''));
    const summary = await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    expect(summary).toMatchObject({ chunks: 1, records: 18_000, malformed: 1, unattributed: 0 });
    const expected = lines.reduce((sum, _, index) => sum + (index < 18_000 ? index % 7 : 0), 0);
    expect(await egressOf(tenant)).toBe(expected);
    const cursor = await database.db.selectFrom('log_cursors').select(['lines', 'byte_offset']).executeTakeFirstOrThrow();
    expect({ lines: Number(cursor.lines), byteOffset: Number(cursor.byte_offset) }).toEqual({ lines: 18_001, byteOffset: Buffer.byteLength(lines.join('')) });
    expect(await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir))).toMatchObject({ chunks: 0, eventsRecorded: 0 });
  });

  it('keeps counting a rotated file under its new name, and reads the new file from its start', async () => {
    await writeFile(log(), record(1));
    await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    // Lines the edge wrote after the last run, then rotation: rename, new file.
    await appendFile(log(), record(10));
    await rename(log(), `${log()}.1`);
    await writeFile(log(), record(100, { time: '2026-11-21T10:16:00.000Z' }));
    await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    expect(await egressOf(tenant)).toBe(111);
    await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    expect(await egressOf(tenant)).toBe(111);
  });

  it('starts over on a file truncated in place (copytruncate) without recounting what it held before', async () => {
    await writeFile(log(), record(1) + record(2));
    await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    await truncate(log(), 0);
    await appendFile(log(), record(40, { time: '2026-11-21T10:20:00.000Z' }));
    await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    expect(await egressOf(tenant)).toBe(43);
  });

  it('never double counts when two ingesters read a file that grows between their looks', async () => {
    await writeFile(log(), record(1));
    const early = new EdgeLogFiles(logsDir);
    const [before] = await early.list();
    await appendFile(log(), record(2));
    // One saw the file with one line, the other with two; whichever commits second must not count line one again.
    const stale = { list: async () => [before!], read: early.read.bind(early) };
    await Promise.all([ingestEdgeLogs(deps(), stale), ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir))]);
    await ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir));
    expect(await egressOf(tenant)).toBe(3);
  });

  it('never double counts when two ingesters run at the same time', async () => {
    await writeFile(log(), Array.from({ length: 200 }, (_, index) => record(index + 1, { time: `2026-11-21T${String(index % 24).padStart(2, '0')}:00:00.000Z` })).join(''));
    await Promise.all([0, 1, 2].map(() => ingestEdgeLogs(deps(), new EdgeLogFiles(logsDir), { maxChunkBytes: 2000 })));
    expect(await egressOf(tenant)).toBe((200 * 201) / 2);
    const hourly = await database.db
      .selectFrom('usage_rollups')
      .select((eb) => eb.fn.sum<string>('quantity').as('bytes'))
      .where('tenant_id', '=', tenant)
      .where('meter', '=', 'egress')
      .where('granularity', '=', 'hour')
      .executeTakeFirst();
    expect(Number(hourly?.bytes)).toBe((200 * 201) / 2);
  });
});
