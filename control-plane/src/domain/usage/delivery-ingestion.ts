// Egress and plays from access logs, incrementally and idempotently.
//
// Each log file has a cursor (source, file id, fingerprint of its first line, byte offset). A chunk of complete
// lines is turned into usage events and the cursor is advanced past it in ONE transaction, after checking that the
// cursor still stands where the chunk starts: a crash before the commit re-reads the chunk, a crash after it never
// does, and two ingesters racing cannot both apply the same chunk. The event keys also name the file and the byte
// range, so even a re-read of the same range could only hit existing keys. A file whose first line changed (rotated
// and recreated, truncated in place) or that shrank below its cursor is read again from the start as a new file.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AccessLogFile, AccessLogReader, LogBucket } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { aggregateDeliveries, type DeliveryTotals } from './delivery-aggregation.js';
import { parseCloudFrontLog } from './cloudfront-log-format.js';
import { EdgeLogAggregator } from './edge-log-format.js';
import { recordUsage, type NewUsageEvent } from './record-usage.js';
import { recordRefusedDeliveries, type NewRefusedDelivery } from './refused-deliveries.js';

export type LogSource = 'local-edge' | 'cloudfront';

export interface IngestionSummary {
  files: number;
  chunks: number;
  bytesRead: number;
  records: number;
  /** Lines that were not valid log records. */
  malformed: number;
  /** Records naming no tenant of ours (probes, deleted tenants): nobody to bill or to warn. */
  unattributed: number;
  eventsRecorded: number;
  /** Requests the edge refused, newly kept for the operator (never billed). */
  refusedRecorded: number;
  /** Log objects that could not be read or un-gzipped this run: left for the next one (their notices come back). */
  unreadable: number;
}

interface LogChunk {
  source: LogSource;
  file: AccessLogFile;
  start: number;
  end: number;
  totals: DeliveryTotals;
  /** The whole file was read (CloudFront objects are immutable). */
  finished: boolean;
}

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

const emptySummary = (): IngestionSummary => ({ files: 0, chunks: 0, bytesRead: 0, records: 0, malformed: 0, unattributed: 0, eventsRecorded: 0, refusedRecorded: 0, unreadable: 0 });

/**
 * Log bytes per transaction. A transaction records one event per tenant × video × hour it saw, so the larger the
 * range, the fewer rows the same lines become; the file is still read in READ_BYTES pieces, summed as they come.
 */
const COMMIT_BYTES = 32 * 1024 * 1024;
const READ_BYTES = 4 * 1024 * 1024;

/** Reads every local edge log file from its cursor to its last complete line. */
export async function ingestEdgeLogs(deps: Deps, reader: AccessLogReader, options: { maxChunkBytes?: number } = {}): Promise<IngestionSummary> {
  const summary = emptySummary();
  const maxChunkBytes = options.maxChunkBytes ?? COMMIT_BYTES;
  for (const file of await reader.list()) {
    summary.files += 1;
    const start = await resumeOffset(deps.db, 'local-edge', file);
    let next = start < file.size ? readEdgeChunk(reader, file, start, maxChunkBytes) : undefined;
    while (next) {
      const chunk = await next;
      if (chunk.end <= chunk.start) break; // only a half-written line so far: the edge is still writing it
      // Read and sum the next chunk while this one commits: the parsing runs here while PostgreSQL does the writing.
      // It is only used if this one was applied, and starts where this one ends, so the cursor check still holds.
      next = chunk.end < file.size ? readEdgeChunk(reader, file, chunk.end, maxChunkBytes) : undefined;
      next?.catch(() => undefined); // awaited on the next turn; not an unhandled rejection if this commit throws first
      const applied = await ingestChunk(deps, chunk, summary);
      if (!applied) break; // another ingester moved this cursor; it carries on from there
    }
  }
  return summary;
}

async function readEdgeChunk(reader: AccessLogReader, file: AccessLogFile, start: number, maxBytes: number): Promise<LogChunk> {
  const aggregator = new EdgeLogAggregator();
  let end = start;
  while (end < file.size && end - start < maxBytes) {
    const piece = await reader.read(file, end, Math.min(READ_BYTES, maxBytes));
    if (piece.end <= end) break;
    aggregator.add(piece.text);
    end = piece.end;
  }
  return { source: 'local-edge', file, start, end, totals: aggregator.totals(), finished: false };
}

/**
 * Reads every listed CloudFront log object not read before, each whole in one transaction, and only then tells the
 * bucket it is settled. An object announced twice (S3 and SQS both deliver at least once) or whose notice came back
 * after a crash between the commit and the settling is found finished and only settled again: never counted twice.
 * An object that cannot be read is skipped and not settled, so it is tried again on a later run.
 */
export async function ingestCloudFrontLogs(deps: Deps, bucket: LogBucket): Promise<IngestionSummary> {
  const summary = emptySummary();
  const objects = await bucket.list();
  const keys = [...new Set(objects.map((object) => object.key))];
  const finished = new Set(
    keys.length === 0
      ? []
      : (await deps.db.selectFrom('log_cursors').select('file_id').where('source', '=', 'cloudfront').where('finished', '=', true).where('file_id', 'in', keys).execute()).map((row) => row.file_id),
  );
  for (const object of objects) {
    if (!finished.has(object.key)) {
      const text = await bucket.readText(object.key).catch(() => undefined);
      if (text === undefined) {
        summary.unreadable += 1;
        continue;
      }
      summary.files += 1;
      // Objects are never rewritten, so the key alone identifies one; the fingerprint still guards against reuse.
      const file: AccessLogFile = { fileId: object.key, fingerprint: firstLineDigest(text), location: object.key, size: object.size };
      await ingestChunk(deps, { source: 'cloudfront', file, start: 0, end: object.size, totals: cloudFrontTotals(text, object.servingTenantId), finished: true }, summary);
      finished.add(object.key);
    }
    await bucket.settled(object.key);
  }
  return summary;
}

async function resumeOffset(db: Kysely<Database>, source: LogSource, file: AccessLogFile): Promise<number> {
  const cursor = await db.selectFrom('log_cursors').select(['fingerprint', 'byte_offset']).where('source', '=', source).where('file_id', '=', file.fileId).executeTakeFirst();
  return cursor ? expectedStart(cursor, file) : 0;
}

function expectedStart(cursor: { fingerprint: string; byte_offset: string }, file: AccessLogFile): number {
  const offset = Number(cursor.byte_offset);
  return cursor.fingerprint === file.fingerprint && offset <= file.size ? offset : 0;
}

function cloudFrontTotals(text: string, servingTenantId: string | undefined): DeliveryTotals {
  const { records, malformed } = parseCloudFrontLog(text, servingTenantId);
  const lines = text.split('\n').filter((line) => line.trim() !== '').length;
  return { buckets: aggregateDeliveries(records), records: records.length, malformed, lines };
}

async function ingestChunk(deps: Deps, chunk: LogChunk, summary: IngestionSummary): Promise<boolean> {
  const { buckets, lines } = chunk.totals;
  return deps.db.transaction().execute(async (trx) => {
    // One ingester per file at a time, also before the file has a cursor row to lock: two of them reading a
    // growing file to different ends would otherwise record overlapping ranges under different keys.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`${chunk.source}:${chunk.file.fileId}`}, 0))`.execute(trx);
    const cursor = await trx
      .selectFrom('log_cursors')
      .select(['fingerprint', 'byte_offset', 'finished'])
      .where('source', '=', chunk.source)
      .where('file_id', '=', chunk.file.fileId)
      .forUpdate()
      .executeTakeFirst();
    // Under the lock the cursor is the truth: for the same file only its offset may start a chunk. (Outside the
    // lock, a listing taken before another ingester advanced the cursor looks like a truncated file and must not
    // make this one start over.)
    const sameFile = cursor !== undefined && cursor.fingerprint === chunk.file.fingerprint;
    if ((sameFile ? Number(cursor.byte_offset) : 0) !== chunk.start || (sameFile && cursor.finished)) return false;

    const tenantIds = [...new Set(buckets.map((bucket) => bucket.tenantId))];
    const known = new Set(tenantIds.length === 0 ? [] : (await trx.selectFrom('tenants').select('id').where('id', 'in', tenantIds).execute()).map((row) => row.id));
    const range = `${chunk.source}:${chunk.file.fileId}:${chunk.file.fingerprint.slice(0, 12)}:${chunk.start}-${chunk.end}`;
    const events: NewUsageEvent[] = [];
    const refused: NewRefusedDelivery[] = [];
    for (const bucket of buckets) {
      if (!known.has(bucket.tenantId)) {
        summary.unattributed += bucket.requests + [...bucket.refused.values()].reduce((sum, count) => sum + count.requests, 0);
        continue;
      }
      const where = `${bucket.tenantId}:${bucket.videoId ?? '-'}:${bucket.hour.toISOString()}`;
      const common = { tenantId: bucket.tenantId, occurredAt: bucket.hour, videoId: bucket.videoId, details: { source: chunk.source, requests: bucket.requests } };
      events.push({ ...common, key: `egress:${range}:${where}`, meter: 'egress', quantity: bucket.bytes });
      events.push({ ...common, key: `plays:${range}:${where}`, meter: 'plays', quantity: bucket.plays });
      events.push({ ...common, key: `preview_plays:${range}:${where}`, meter: 'preview_plays', quantity: bucket.previewPlays });
      events.push({ ...common, key: `preview_egress:${range}:${where}`, meter: 'preview_egress', quantity: bucket.previewBytes });
      for (const [status, count] of bucket.refused) {
        refused.push({ key: `refused:${range}:${where}:${status}`, tenantId: bucket.tenantId, videoId: bucket.videoId, hour: bucket.hour, status, source: chunk.source, ...count });
      }
    }
    const inserted = await recordUsage(trx, events);
    summary.refusedRecorded += await recordRefusedDeliveries(trx, refused);
    await trx
      .insertInto('log_cursors')
      .values({
        source: chunk.source,
        file_id: chunk.file.fileId,
        fingerprint: chunk.file.fingerprint,
        location: chunk.file.location,
        byte_offset: chunk.end,
        lines,
        finished: chunk.finished,
        updated_at: deps.clock.now(),
      })
      .onConflict((conflict) =>
        conflict.columns(['source', 'file_id']).doUpdateSet({
          fingerprint: chunk.file.fingerprint,
          location: chunk.file.location,
          byte_offset: chunk.end,
          // A new file under an old id starts counting again.
          lines: cursor && cursor.fingerprint === chunk.file.fingerprint && chunk.start > 0 ? (eb) => eb('log_cursors.lines', '+', lines) : lines,
          finished: chunk.finished,
          updated_at: deps.clock.now(),
        }),
      )
      .execute();
    summary.chunks += 1;
    summary.bytesRead += chunk.end - chunk.start;
    summary.records += chunk.totals.records;
    summary.malformed += chunk.totals.malformed;
    summary.eventsRecorded += inserted.length;
    return true;
  });
}

/** Identifies a log file by its first line, which never changes once written. */
export function firstLineDigest(text: string): string {
  const newline = text.indexOf('\n');
  return digest(newline === -1 ? text : text.slice(0, newline));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
