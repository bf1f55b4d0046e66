// Import from a URL: the video is created at once (queued, its original not here yet) and the `import-video` job
// fetches the original through the SSRF-guarded outbound port (jobs/handlers/import-video.ts), stores it where an
// upload's would be and queues the transcode exactly as a completed upload does. Any refusal fails the video with the
// reason, so the tenant sees in the library why the film never arrived.
import { randomUUID } from 'node:crypto';
import { formatBytes } from '@ott/contracts';
import { sql } from 'kysely';
import type { AccessMode } from '../../db/schema.js';
import { assertUploadAllowed } from '../billing/billing-standing.js';
import { planOf, type Plan } from '../billing/plans.js';
import type { DomainDeps } from '../deps.js';
import { invalid, notReady } from '../errors.js';
import { safeExtension } from './uploads.js';
import { recordVideoEvents } from './video-events.js';
import { markFailed } from './video-processing.js';
import { toVideoView, type VideoView } from './video-library.js';

/** Longest an import may take, connection to last byte, unless OTT_IMPORT_TIMEOUT_SECONDS says otherwise. */
export const DEFAULT_IMPORT_TIMEOUT_SECONDS = 30 * 60;
/** Redirects followed, each checked again like the first address. */
export const IMPORT_MAX_REDIRECTS = 5;
const MAX_URL_LENGTH = 2048;

export interface ImportVideoInput {
  url: string;
  title?: string | undefined;
  description?: string | undefined;
  accessMode?: AccessMode | undefined;
  createdByKeyId?: string | undefined;
}

/** An import the job still has to do (or whose transcode it still has to queue). */
export interface PendingImport {
  sourceUrl: string;
  sourceKey: string;
  plan: Plan;
  /** The original is stored already: only the transcode is left to queue. */
  stored: boolean;
}

export async function importVideoFromUrl(deps: Pick<DomainDeps, 'db' | 'queue' | 'clock'>, tenantId: string, input: ImportVideoInput): Promise<VideoView> {
  const url = checkImportUrl(input.url);
  const tenant = await deps.db.selectFrom('tenants').select(['status', 'plan']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  if (tenant.status !== 'active') throw notReady('Your workspace is still being set up. Try the import again in a few seconds.');
  const plan = planOf(tenant.plan);
  const videoId = randomUUID();
  const filename = filenameOf(url);
  const video = await deps.db.transaction().execute(async (trx) => {
    // Admitted like an upload (uploads.ts): unpaid invoices and the plan's monthly limits. The size is not known
    // until the file is here; the job checks it against the plan's storage then.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`upload-admission:${tenantId}`}, 0))`.execute(trx);
    await assertUploadAllowed({ db: trx, clock: deps.clock }, tenantId, plan, 0);
    const row = await trx
      .insertInto('videos')
      .values({
        id: videoId,
        tenant_id: tenantId,
        // The file's name without its extension; the host as it is when the address names no file.
        title: input.title?.trim() || (filename === url.hostname ? filename : filename.replace(/\.[^.]*$/, '')) || url.hostname,
        description: input.description ?? '',
        access_mode: input.accessMode ?? 'public',
        status: 'queued',
        source_key: `sources/${tenantId}/${videoId}/original${safeExtension(filename)}`,
        source_filename: filename,
        source_size: 0,
        part_size: 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('video_imports')
      .values({ video_id: videoId, tenant_id: tenantId, source_url: url.toString(), created_by_key_id: input.createdByKeyId ?? null })
      .execute();
    // As an upload's video is announced (uploads.ts); its `video.ready` or `video.failed` follows.
    await recordVideoEvents(trx, ['video.created'], row, deps.clock.now());
    return row;
  });
  // After the commit: the worker must find the video and its import.
  await deps.queue.enqueue({ type: 'import-video', tenantId, videoId });
  return toVideoView(video);
}

/** Undefined when there is nothing left to do: imported and queued, failed, or deleted since. */
export async function pendingImport(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string): Promise<PendingImport | undefined> {
  const row = await deps.db
    .selectFrom('video_imports')
    .innerJoin('videos', 'videos.id', 'video_imports.video_id')
    .innerJoin('tenants', 'tenants.id', 'videos.tenant_id')
    .select(['video_imports.source_url', 'video_imports.finished_at', 'videos.source_key', 'videos.status', 'tenants.plan'])
    .where('video_imports.tenant_id', '=', tenantId)
    .where('video_imports.video_id', '=', videoId)
    .executeTakeFirst();
  if (!row || row.status !== 'queued') return undefined;
  return { sourceUrl: row.source_url, sourceKey: row.source_key, plan: planOf(row.plan), stored: row.finished_at !== null };
}

/**
 * The fetched file may be kept: the plan's storage has room for it. Throws the plan's reason otherwise (a DomainError,
 * which the job records as the failure).
 */
export async function assertImportFits(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, plan: Plan, bytes: number): Promise<void> {
  if (bytes === 0) throw invalid('The address answered with an empty file: there is no video in it. Check the address and import again.');
  await assertUploadAllowed(deps, tenantId, plan, bytes);
}

/** The original is stored: the video is queued for transcoding, exactly as a completed upload is. Safe to repeat. */
export async function finishImport(deps: Pick<DomainDeps, 'db' | 'queue' | 'clock'>, tenantId: string, videoId: string, bytes: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('videos').set({ source_size: bytes, updated_at: now }).where('tenant_id', '=', tenantId).where('id', '=', videoId).where('status', '=', 'queued').execute();
    await trx.updateTable('video_imports').set({ finished_at: now }).where('tenant_id', '=', tenantId).where('video_id', '=', videoId).where('finished_at', 'is', null).execute();
  });
  await deps.queue.enqueue({ type: 'transcode-video', tenantId, videoId });
}

export async function failImport(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string, reason: string): Promise<void> {
  await markFailed(deps, tenantId, videoId, reason);
}

export function importTooLargeReason(plan: Plan): string {
  return `The file is larger than your ${plan.name} plan's ${formatBytes(plan.maxUploadBytes)} limit for one video. Import a smaller file, or upgrade your plan.`;
}

function checkImportUrl(text: string): URL {
  if (text.length > MAX_URL_LENGTH) throw invalid(`The address is ${text.length} characters long; give one of at most ${MAX_URL_LENGTH}.`);
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid(`The address "${text}" is not a web address: give the file's full http:// or https:// address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(`Only http:// and https:// addresses can be imported; this one is ${url.protocol}.`);
  if (url.username || url.password) throw invalid('The address has a user name or password in it: give a signed or public link to the file instead.');
  return url;
}

/** The last path segment, decoded, or the host when the path has none. */
function filenameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // Shown as it was written.
  }
  return decoded.normalize('NFC').slice(0, 200) || url.hostname;
}
