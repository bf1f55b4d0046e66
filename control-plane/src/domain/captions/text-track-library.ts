// A video's caption tracks as the tenant sees and manages them: list, read the cues, change the settings or the cues
// (the caption editor), remove. Every lookup carries the caller's tenant id: another tenant's track is "not found".
import type { CaptionCue, TextTrackKind, TextTrackSummary } from '@ott/contracts';
import { parseStoredWebVtt } from '../../media/caption-file.js';
import type { DomainDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { publishPackageMaster } from '../videos/package-master.js';
import { retireFolders } from '../videos/retired-folders.js';
import { videoOfTenant } from '../videos/video-access.js';
import { saveTextTrack } from './save-text-track.js';
import { toTextTrackSummary, type TextTrackRow } from './text-track-summary.js';

type Deps = Pick<DomainDeps, 'db' | 'store' | 'clock'>;

/** What an edit changes; what is left out is kept. */
export interface TextTrackChanges {
  language?: string;
  label?: string;
  kind?: TextTrackKind;
  isDefault?: boolean;
  forced?: boolean;
  /** Every cue of the track (the caption editor's save). */
  cues?: CaptionCue[];
}

/** Oldest first, as the master lists them. */
export async function listTextTracks(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string): Promise<TextTrackSummary[]> {
  await videoOfTenant(deps, tenantId, videoId);
  const rows = await deps.db.selectFrom('text_tracks').selectAll().where('tenant_id', '=', tenantId).where('video_id', '=', videoId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toTextTrackSummary);
}

export async function textTrackCues(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string, trackId: string): Promise<{ track: TextTrackSummary; cues: CaptionCue[] }> {
  const row = await textTrackOfTenant(deps, tenantId, videoId, trackId);
  return { track: toTextTrackSummary(row), cues: parseStoredWebVtt(row.webvtt ?? 'WEBVTT\n') };
}

/** The caption editor's save: the track keeps its settings and origin (an edited automatic track is still marked as automatic). */
export function replaceTextTrackCues(deps: Deps, tenantId: string, videoId: string, trackId: string, cues: CaptionCue[]): Promise<TextTrackSummary> {
  return updateTextTrack(deps, tenantId, videoId, trackId, { cues });
}

export async function updateTextTrack(deps: Deps, tenantId: string, videoId: string, trackId: string, settings: TextTrackChanges): Promise<TextTrackSummary> {
  const row = await textTrackOfTenant(deps, tenantId, videoId, trackId);
  const current = settingsOf(row);
  return saveTextTrack(deps, {
    ...current,
    language: settings.language ?? current.language,
    label: settings.label ?? current.label,
    kind: settings.kind ?? current.kind,
    isDefault: settings.isDefault ?? current.isDefault,
    forced: settings.forced ?? current.forced,
    tenantId,
    videoId,
    trackId,
    cues: settings.cues ?? parseStoredWebVtt(row.webvtt ?? 'WEBVTT\n'),
  });
}

/** Removes the row, then the master's mention of it, then retires its files (players holding the old master read on). */
export async function deleteTextTrack(deps: Pick<DomainDeps, 'db' | 'store' | 'clock'>, tenantId: string, videoId: string, trackId: string): Promise<void> {
  const deleted = await deps.db.deleteFrom('text_tracks').where('tenant_id', '=', tenantId).where('video_id', '=', videoId).where('id', '=', trackId).returning('id').executeTakeFirst();
  if (!deleted) throw notFound('The caption track');
  await publishPackageMaster(deps, tenantId, videoId);
  await retireFolders(deps, { tenantId, videoId }, [textTrackFolder(tenantId, videoId, trackId)]);
}

/** Where every published version of a track lives. */
export function textTrackFolder(tenantId: string, videoId: string, trackId: string): string {
  return `t/${tenantId}/v/${videoId}/text/${trackId}/`;
}

export async function textTrackOfTenant(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string, trackId: string): Promise<TextTrackRow> {
  const row = await deps.db.selectFrom('text_tracks').selectAll().where('tenant_id', '=', tenantId).where('video_id', '=', videoId).where('id', '=', trackId).executeTakeFirst();
  if (!row) throw notFound('The caption track');
  return row;
}

function settingsOf(row: TextTrackRow) {
  return { origin: row.origin, revision: row.revision, language: row.language, label: row.label, kind: row.kind, isDefault: row.is_default, forced: row.forced };
}
