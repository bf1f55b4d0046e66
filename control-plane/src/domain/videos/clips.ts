// Clips: a new video of the same tenant made from a time range of a ready one. The clip shares its parent's stored
// original (same source_key, with the range in clip_start_seconds/clip_end_seconds) instead of copying it: no second
// copy of a film is billed for every clip cut from it, and shared-sources.ts keeps an original while any clip names it.
// The clip is transcoded like an upload, from its range only (exact at both edges); its transcode minutes are its length.
import { MIN_CLIP_SECONDS } from '@ott/contracts';
import { randomUUID } from 'node:crypto';
import { planOf } from '../billing/plans.js';
import type { DomainDeps } from '../deps.js';
import { invalid, notReady } from '../errors.js';
import { admitOneAtATime } from './uploads.js';
import { videoOfTenant } from './video-access.js';
import { recordVideoEvents } from './video-events.js';
import { toVideoView, type VideoView } from './video-library.js';

export interface CreateClipInput {
  videoId: string;
  startSeconds: number;
  endSeconds: number;
  title?: string;
}

export async function createClip(deps: Pick<DomainDeps, 'db' | 'queue' | 'clock'>, tenantId: string, input: CreateClipInput): Promise<VideoView & { clipOf: string }> {
  const parent = await videoOfTenant(deps, tenantId, input.videoId);
  if (parent.status !== 'ready' || parent.duration_seconds === null) {
    throw notReady(`"${parent.title}" is ${parent.status}: a clip can be made once the video is ready.`);
  }
  assertClipRange(input.startSeconds, input.endSeconds, parent.duration_seconds);
  // A clip of a clip is a range of the same original, shifted by where its parent starts.
  const offset = parent.clip_start_seconds ?? 0;
  const tenant = await deps.db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const videoId = randomUUID();
  const clip = await deps.db.transaction().execute(async (trx) => {
    // The plan's transcode and storage limits, as for an upload: the clip adds no stored original of its own.
    await admitOneAtATime({ db: trx, clock: deps.clock }, tenantId, planOf(tenant.plan), 0);
    const video = await trx
      .insertInto('videos')
      .values({
        id: videoId,
        tenant_id: tenantId,
        title: input.title?.trim() || `${parent.title} (clip ${formatSeconds(input.startSeconds)}–${formatSeconds(input.endSeconds)})`.slice(0, 200),
        description: '',
        access_mode: parent.access_mode,
        status: 'queued',
        source_key: parent.source_key,
        source_filename: parent.source_filename,
        source_size: parent.source_size,
        upload_id: null,
        part_size: parent.part_size,
        downloads_enabled: parent.downloads_enabled,
        clip_of: parent.id,
        clip_start_seconds: offset + input.startSeconds,
        clip_end_seconds: offset + input.endSeconds,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordVideoEvents(trx, ['video.created'], video, deps.clock.now());
    return video;
  });
  // After the commit: a worker taking the job at once must find the video queued.
  await deps.queue.enqueue({ type: 'transcode-video', tenantId, videoId });
  return { ...toVideoView(clip), clipOf: parent.id };
}

/** 0 ≤ start < end ≤ the video's duration, and at least MIN_CLIP_SECONDS long; each refusal says what to change. */
export function assertClipRange(startSeconds: number, endSeconds: number, durationSeconds: number): void {
  const duration = formatSeconds(durationSeconds);
  if (!Number.isFinite(startSeconds) || !Number.isFinite(endSeconds)) throw invalid('The start and the end of the clip must be numbers of seconds.');
  if (startSeconds < 0) throw invalid(`The clip starts at ${formatSeconds(startSeconds)}, before the video does. Choose a start of 0 s or later.`);
  if (startSeconds >= durationSeconds) throw invalid(`The clip starts at ${formatSeconds(startSeconds)}, but the video is only ${duration} long. Choose a start before ${duration}.`);
  if (endSeconds <= startSeconds) throw invalid(`The clip ends (${formatSeconds(endSeconds)}) before it starts (${formatSeconds(startSeconds)}). Choose an end after the start.`);
  if (endSeconds > durationSeconds) throw invalid(`The clip ends at ${formatSeconds(endSeconds)}, after the end of the video (${duration}). Choose an end at or before ${duration}.`);
  if (endSeconds - startSeconds < MIN_CLIP_SECONDS) {
    throw invalid(`The clip is ${formatSeconds(endSeconds - startSeconds)} long; a clip must be at least ${MIN_CLIP_SECONDS} s. Move the start or the end.`);
  }
}

function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}
