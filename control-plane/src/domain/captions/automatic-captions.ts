// Automatic captions: speech to text runs after a video is ready (never delaying playback) in the caption-video job.
// While it runs the video has an `automatic` track in `processing`; the job makes it ready through saveTextTrack, or
// failed with the reason. Asking again for a language re-uses (and replaces) that language's automatic track.
import { MEDIA_TRACK_LIMITS, type TextTrackSummary } from '@ott/contracts';
import type { DomainDeps } from '../deps.js';
import { DomainError, invalid, limitExceeded, notFound, notReady } from '../errors.js';
import { toTextTrackSummary } from './text-track-summary.js';

type Deps = Pick<DomainDeps, 'db' | 'queue' | 'clock' | 'speechToText'>;

/** The captions menu's label for each language speech to text knows; other tags are shown as they are. */
const LABELS: Record<string, string> = { en: 'English (automatic)' };

export function automaticLabel(language: string): string {
  return LABELS[language] ?? `${language} (automatic)`;
}

/** The language as the engine takes it, or a refusal naming the languages it does take. */
export function checkedAutomaticLanguage(deps: Pick<DomainDeps, 'speechToText'>, language: string): string {
  const engine = deps.speechToText;
  if (!engine) throw new DomainError('unavailable', 'Automatic captions are not available on this platform. Upload a caption file instead.');
  const tag = language.trim();
  if (!engine.languages.includes(tag)) {
    throw invalid(`Automatic captions cannot be made in "${tag.slice(0, 20)}": ${engine.engine} understands ${engine.languages.join(', ')} only. Upload a caption file for other languages.`);
  }
  return tag;
}

/** Starts automatic captions of a ready video in `language`: its automatic track shows as processing until the job ends. */
export async function requestAutomaticCaptions(deps: Deps, tenantId: string, videoId: string, language: string): Promise<TextTrackSummary> {
  const tag = checkedAutomaticLanguage(deps, language);
  const track = await deps.db.transaction().execute(async (db) => {
    // The video's row is the lock saveTextTrack takes too: one automatic track per language, whoever asks at once.
    const video = await db.selectFrom('videos').select('status').where('tenant_id', '=', tenantId).where('id', '=', videoId).forUpdate().executeTakeFirst();
    if (!video) throw notFound('The video');
    if (video.status !== 'ready') throw notReady(`Automatic captions are made once the video is ready; it is ${video.status} now. Ask again when it is ready.`);
    const processing = { status: 'processing' as const, failure_reason: null, updated_at: deps.clock.now() };
    const existing = await db
      .updateTable('text_tracks')
      .set(processing)
      .where('tenant_id', '=', tenantId)
      .where('video_id', '=', videoId)
      .where('origin', '=', 'automatic')
      .where('language', '=', tag)
      .returningAll()
      .executeTakeFirst();
    if (existing) return existing;
    const { count } = await db
      .selectFrom('text_tracks')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('video_id', '=', videoId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MEDIA_TRACK_LIMITS.textTracksPerVideo) {
      throw limitExceeded(`This video already has ${MEDIA_TRACK_LIMITS.textTracksPerVideo} caption tracks, the most it can have. Remove one first.`);
    }
    return db
      .insertInto('text_tracks')
      .values({ ...processing, tenant_id: tenantId, video_id: videoId, origin: 'automatic', language: tag, label: automaticLabel(tag), kind: 'subtitles' })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  await deps.queue.enqueue({ type: 'caption-video', tenantId, videoId, language: tag });
  return toTextTrackSummary(track);
}

/** After a transcode: automatic captions in the tenant's chosen language, when it chose one and the video is ready. */
export async function requestTenantAutomaticCaptions(deps: Deps, tenantId: string, videoId: string): Promise<TextTrackSummary | undefined> {
  const row = await deps.db
    .selectFrom('videos')
    .innerJoin('tenants', 'tenants.id', 'videos.tenant_id')
    .select(['videos.status', 'tenants.automatic_captions_language'])
    .where('videos.tenant_id', '=', tenantId)
    .where('videos.id', '=', videoId)
    .executeTakeFirst();
  const language = row?.automatic_captions_language;
  if (row?.status !== 'ready' || !language || !deps.speechToText) return undefined;
  return requestAutomaticCaptions(deps, tenantId, videoId, language);
}

/** After a new original replaced the video's: its automatic tracks are made again from the new sound. */
export async function renewAutomaticCaptions(deps: Deps, tenantId: string, videoId: string): Promise<void> {
  const tracks = await deps.db.selectFrom('text_tracks').select('language').where('tenant_id', '=', tenantId).where('video_id', '=', videoId).where('origin', '=', 'automatic').execute();
  for (const track of tracks) await requestAutomaticCaptions(deps, tenantId, videoId, track.language);
}

/** Where an automatic track that could not be made says why. */
export async function markAutomaticCaptionsFailed(deps: Pick<DomainDeps, 'db' | 'clock'>, trackId: string, tenantId: string, reason: string): Promise<void> {
  await deps.db
    .updateTable('text_tracks')
    .set({ status: 'failed', failure_reason: reason, updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', trackId)
    .where('origin', '=', 'automatic')
    .execute();
}
