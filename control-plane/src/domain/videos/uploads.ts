// Resumable multipart upload: create → PUT parts (any order, in parallel, retried) → list what is stored → complete.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AccessMode, VideoStatus } from '../../db/schema.js';
import { assertUploadAllowed } from '../billing/billing-standing.js';
import type { DomainDeps } from '../deps.js';
import { formatBytes, planOf } from '../tenants/plans.js';
import { conflict, invalid, limitExceeded, notReady } from '../errors.js';
import { expectedPartSize, planUpload } from './upload-plan.js';
import { videoOfTenant } from './video-access.js';

const PART_URL_SECONDS = 3600;

export interface CreateUploadInput {
  filename: string;
  size: number;
  title?: string;
  description?: string;
  accessMode?: AccessMode;
}

export interface UploadTicket {
  videoId: string;
  partSize: number;
  partCount: number;
  parts: { partNumber: number; url: string }[];
  urlsExpireAt: Date;
}

type UploadDeps = Pick<DomainDeps, 'db' | 'store' | 'queue' | 'clock'>;

export async function createUpload(deps: UploadDeps, tenantId: string, input: CreateUploadInput): Promise<UploadTicket> {
  const tenant = await deps.db.selectFrom('tenants').select(['status', 'plan']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  if (tenant.status !== 'active') throw notReady('Your workspace is still being set up. Try the upload again in a few seconds.');
  const plan = planOf(tenant.plan);
  if (input.size > plan.maxUploadBytes) {
    throw limitExceeded(`${input.filename} is ${formatBytes(input.size)}; the ${plan.name} plan accepts files up to ${formatBytes(plan.maxUploadBytes)}. Upgrade your plan or upload a smaller file.`);
  }
  // Unpaid invoices past their grace period, and the free plan's monthly limits.
  await assertUploadAllowed(deps, tenantId, plan, input.size);
  const { partSize, partCount } = planUpload(input.size);
  const videoId = randomUUID();
  const sourceKey = `sources/${tenantId}/${videoId}/original${safeExtension(input.filename)}`;
  const { uploadId } = await deps.store.createMultipartUpload(sourceKey);
  await deps.db
    .insertInto('videos')
    .values({
      id: videoId,
      tenant_id: tenantId,
      title: input.title?.trim() || titleFromFilename(input.filename),
      description: input.description ?? '',
      access_mode: input.accessMode ?? 'public',
      source_key: sourceKey,
      source_filename: input.filename,
      source_size: input.size,
      upload_id: uploadId,
      part_size: partSize,
    })
    .execute();
  const partNumbers = Array.from({ length: partCount }, (_, index) => index + 1);
  return { videoId, partSize, partCount, ...(await signParts(deps, sourceKey, uploadId, partNumbers)) };
}

/** Fresh URLs for parts still to send (after a restart, or when the first ones expired). */
export async function partUrls(deps: UploadDeps, tenantId: string, videoId: string, partNumbers: number[]) {
  const { key, uploadId, partCount } = await openUpload(deps, tenantId, videoId);
  const outside = partNumbers.filter((number) => number < 1 || number > partCount);
  if (outside.length > 0) throw invalid(`This upload has parts 1 to ${partCount}; part ${outside[0]} does not exist.`);
  return signParts(deps, key, uploadId, partNumbers);
}

export async function listUploadedParts(deps: UploadDeps, tenantId: string, videoId: string) {
  const { key, uploadId, partSize, partCount } = await openUpload(deps, tenantId, videoId);
  return { partSize, partCount, parts: await deps.store.listParts(key, uploadId) };
}

/** Checks every part against the plan made at creation; nothing is thrown away when something is missing. */
export async function completeUpload(deps: UploadDeps, tenantId: string, videoId: string): Promise<{ videoId: string; status: VideoStatus }> {
  const video = await videoOfTenant(deps, tenantId, videoId);
  // Completing twice (a retried request) is harmless: it reports where the video is now.
  if (video.status !== 'uploading' || !video.upload_id) return { videoId, status: video.status };
  const size = Number(video.source_size);
  const plan = planUpload(size);
  const stored = new Map((await deps.store.listParts(video.source_key, video.upload_id)).map((part) => [part.partNumber, part]));
  const missing: number[] = [];
  const wrongSize: string[] = [];
  for (let partNumber = 1; partNumber <= plan.partCount; partNumber += 1) {
    const part = stored.get(partNumber);
    const expected = expectedPartSize(plan, size, partNumber);
    if (!part) missing.push(partNumber);
    else if (part.size !== expected) wrongSize.push(`part ${partNumber} has ${part.size} bytes, expected ${expected}`);
  }
  if (missing.length > 0) throw invalid(`${missing.length} of ${plan.partCount} parts are not uploaded yet (${summarise(missing)}). Upload them and complete again.`);
  if (wrongSize.length > 0) throw invalid(`Some parts do not match the file size given at the start (${wrongSize.slice(0, 3).join('; ')}). Upload those parts again.`);
  const parts = [...stored.values()].filter((part) => part.partNumber <= plan.partCount).map(({ partNumber, etag }) => ({ partNumber, etag }));
  await deps.store.completeMultipartUpload(video.source_key, video.upload_id, parts);
  await deps.db.updateTable('videos').set({ status: 'queued', upload_id: null, updated_at: deps.clock.now() }).where('id', '=', videoId).where('tenant_id', '=', tenantId).execute();
  await deps.queue.enqueue({ type: 'transcode-video', tenantId, videoId });
  return { videoId, status: 'queued' };
}

async function openUpload(deps: UploadDeps, tenantId: string, videoId: string) {
  const video = await videoOfTenant(deps, tenantId, videoId);
  if (video.status !== 'uploading' || !video.upload_id) throw conflict('This upload is already complete: nothing more to send.');
  const { partSize, partCount } = planUpload(Number(video.source_size));
  return { key: video.source_key, uploadId: video.upload_id, partSize, partCount };
}

async function signParts(deps: UploadDeps, key: string, uploadId: string, partNumbers: number[]) {
  const urlsExpireAt = new Date(deps.clock.now().getTime() + PART_URL_SECONDS * 1000);
  const parts = await Promise.all(partNumbers.map(async (partNumber) => ({ partNumber, url: await deps.store.signPartUrl(key, uploadId, partNumber, urlsExpireAt) })));
  return { parts, urlsExpireAt };
}

/** The last path segment (browsers on Windows may send `C:\\…`), without its extension, in NFC. */
function titleFromFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]*$/, '').trim().normalize('NFC') || 'Untitled video';
}

function safeExtension(filename: string): string {
  const extension = path.extname(filename).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(extension) ? extension : '';
}

function summarise(numbers: number[]): string {
  const shown = numbers.slice(0, 10).join(', ');
  return numbers.length > 10 ? `parts ${shown}, …` : `part${numbers.length > 1 ? 's' : ''} ${shown}`;
}
