// The audio tracks a video plays with, as the portal, the REST API and the CLI show them: the source's tracks of the
// package being played (in the source's order), then the dubs added for a language, whatever their state.
import type { AudioTrackSummary } from '@ott/contracts';
import type { DomainDeps } from '../deps.js';

export async function audioTracksOf(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string, packageRevision: number): Promise<AudioTrackSummary[]> {
  const rows = await deps.db
    .selectFrom('audio_tracks')
    .select(['id', 'language', 'name', 'origin', 'is_default', 'channels', 'status', 'failure_reason'])
    .where('tenant_id', '=', tenantId)
    .where('video_id', '=', videoId)
    .where((eb) => eb.or([eb('origin', '=', 'dub'), eb('revision', '=', packageRevision)]))
    .orderBy('origin', 'desc')
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    language: row.language,
    name: row.name,
    origin: row.origin,
    isDefault: row.is_default,
    channels: row.channels,
    status: row.status,
    failureReason: row.failure_reason,
  }));
}
