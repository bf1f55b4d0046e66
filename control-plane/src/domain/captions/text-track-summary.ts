// The one shape a text track row is shown in (API, portal, CLI).
import type { TextTrackSummary } from '@ott/contracts';
import type { Selectable } from 'kysely';
import type { TextTracksTable } from '../../db/schema.js';

export type TextTrackRow = Selectable<TextTracksTable>;

export function toTextTrackSummary(row: TextTrackRow): TextTrackSummary {
  return {
    id: row.id,
    language: row.language,
    label: row.label,
    kind: row.kind,
    origin: row.origin,
    isDefault: row.is_default,
    forced: row.forced,
    status: row.status,
    failureReason: row.failure_reason,
    cueCount: row.cue_count,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
