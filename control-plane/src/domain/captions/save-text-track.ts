// Saving a caption or subtitle track: uploaded by the tenant, found in the source (embedded), made by speech to text
// (automatic), or edited in the caption editor (trackId given). The canonical WebVTT goes into the row; a ready video
// gets the segmented copy published and its master rewritten at once, a video still processing gets them when it is
// ready (markReady calls publishTextTracks).
import { LANGUAGE_TAG_PATTERN, MEDIA_TRACK_LIMITS, type CaptionCue, type TextTrackKind, type TextTrackOrigin, type TextTrackSummary } from '@ott/contracts';
import { CaptionFileError, normaliseCues, serialiseWebVtt } from '../../media/caption-file.js';
import type { DomainDeps } from '../deps.js';
import { invalid, limitExceeded, notFound } from '../errors.js';
import { publishTextTracks } from './publish-text-tracks.js';
import { toTextTrackSummary } from './text-track-summary.js';

export interface SaveTextTrackInput {
  tenantId: string;
  videoId: string;
  origin: TextTrackOrigin;
  language: string;
  label: string;
  kind: TextTrackKind;
  cues: CaptionCue[];
  isDefault?: boolean;
  forced?: boolean;
  /** The package revision an embedded track came from; null (or absent) for uploaded and automatic tracks. */
  revision?: number | null;
  /** Replaces this track's cues and settings instead of adding a track. */
  trackId?: string;
}

export async function saveTextTrack(deps: Pick<DomainDeps, 'db' | 'store' | 'clock'>, input: SaveTextTrackInput): Promise<TextTrackSummary> {
  const language = checkedLanguage(input.language);
  const label = checkedLabel(input.label);
  let cues: CaptionCue[];
  try {
    cues = normaliseCues(input.cues);
  } catch (error) {
    if (error instanceof CaptionFileError) throw invalid(error.message);
    throw error;
  }
  const now = deps.clock.now();
  const values = {
    origin: input.origin,
    revision: input.revision ?? null,
    language,
    label,
    kind: input.kind,
    is_default: input.isDefault ?? false,
    forced: input.forced ?? false,
    status: 'ready' as const,
    failure_reason: null,
    webvtt: serialiseWebVtt(cues),
    cue_count: cues.length,
    updated_at: now,
  };
  const row = await deps.db.transaction().execute(async (db) => {
    // The video's row is the lock that keeps the track count and the one default per video true under concurrent saves.
    const video = await db.selectFrom('videos').select('id').where('tenant_id', '=', input.tenantId).where('id', '=', input.videoId).forUpdate().executeTakeFirst();
    if (!video) throw notFound('The video');
    if (values.is_default) {
      await db
        .updateTable('text_tracks')
        .set({ is_default: false })
        .where('tenant_id', '=', input.tenantId)
        .where('video_id', '=', input.videoId)
        .where('is_default', '=', true)
        .$if(input.trackId !== undefined, (query) => query.where('id', '!=', input.trackId ?? ''))
        .execute();
    }
    if (input.trackId !== undefined) {
      const updated = await db
        .updateTable('text_tracks')
        .set(values)
        .where('tenant_id', '=', input.tenantId)
        .where('video_id', '=', input.videoId)
        .where('id', '=', input.trackId)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw notFound('The caption track');
      return updated;
    }
    const { count } = await db
      .selectFrom('text_tracks')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', input.tenantId)
      .where('video_id', '=', input.videoId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MEDIA_TRACK_LIMITS.textTracksPerVideo) {
      throw limitExceeded(`This video already has ${MEDIA_TRACK_LIMITS.textTracksPerVideo} caption tracks, the most it can have. Remove one first.`);
    }
    return db
      .insertInto('text_tracks')
      .values({ ...values, tenant_id: input.tenantId, video_id: input.videoId })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  await publishTextTracks(deps, input.tenantId, input.videoId, { trackIds: [row.id] });
  const published = await deps.db.selectFrom('text_tracks').selectAll().where('tenant_id', '=', input.tenantId).where('id', '=', row.id).executeTakeFirst();
  return toTextTrackSummary(published ?? row);
}

/** A BCP 47 tag as the platform stores it (`en`, `pt-BR`), or `und` when nobody knows. */
export function checkedLanguage(language: string): string {
  const tag = language.trim();
  if (tag === 'und' || LANGUAGE_TAG_PATTERN.test(tag)) return tag;
  throw invalid(`"${tag.slice(0, 20)}" is not a language tag: use a BCP 47 tag such as en, fr or pt-BR.`);
}

export function checkedLabel(label: string): string {
  const trimmed = label.trim();
  if (trimmed === '') throw invalid('Give the track a label, such as "English" or "Français (CC)": players show it in the captions menu.');
  if (trimmed.length > MEDIA_TRACK_LIMITS.labelCharacters) throw invalid(`The label has ${trimmed.length} characters; at most ${MEDIA_TRACK_LIMITS.labelCharacters}.`);
  return trimmed;
}
