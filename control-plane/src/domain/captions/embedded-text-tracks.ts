// Text subtitle tracks found in a source (the transcoder converted them to WebVTT) become caption tracks of the package
// revision they came with: after markReady (a first package) or switchToReplacement (a new source). Idempotent: a
// re-run finds the revision's tracks already there and keeps them (edits included); earlier revisions' embedded tracks
// go, with their files. Then every track is published for the new package (its duration may differ).
import { LANGUAGE_TAG_PATTERN, MEDIA_TRACK_LIMITS } from '@ott/contracts';
import { CaptionFileError, parseCaptionFile } from '../../media/caption-file.js';
import type { ExtractedTextTrack } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { DomainError } from '../errors.js';
import { publishTextTracks } from './publish-text-tracks.js';
import { saveTextTrack } from './save-text-track.js';
import { deleteTextTrack, textTrackFolder } from './text-track-library.js';
import { languageName } from './language-name.js';

type Deps = Pick<DomainDeps, 'db' | 'store' | 'clock'>;

export async function adoptPackageTextTracks(deps: Deps, tenantId: string, videoId: string, extracted: readonly ExtractedTextTrack[]): Promise<void> {
  const video = await deps.db.selectFrom('videos').select('package_revision').where('tenant_id', '=', tenantId).where('id', '=', videoId).executeTakeFirst();
  if (!video) return;
  const revision = video.package_revision;
  const stale = await deps.db
    .deleteFrom('text_tracks')
    .where('tenant_id', '=', tenantId)
    .where('video_id', '=', videoId)
    .where('origin', '=', 'embedded')
    .where((eb) => eb.or([eb('revision', 'is', null), eb('revision', '!=', revision)]))
    .returning('id')
    .execute();
  for (const track of stale) await deps.store.deletePrefix(textTrackFolder(tenantId, videoId, track.id));
  // A track the transcoder converted but whose cues are unreadable is left out: the video is more than its subtitles.
  const readable = extracted.flatMap((track) => {
    try {
      return [{ track, cues: parseCaptionFile(track.webvtt, 'vtt') }];
    } catch (error) {
      if (error instanceof CaptionFileError) return [];
      throw error;
    }
  });
  const existing = await deps.db
    .selectFrom('text_tracks')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('video_id', '=', videoId)
    .where('origin', '=', 'embedded')
    .where('revision', '=', revision)
    .execute();
  // All there: a re-run keeps them (and the tenant's edits). Some there: an earlier run stopped halfway; start over.
  if (existing.length !== readable.length) {
    for (const track of existing) await deleteTextTrack(deps, tenantId, videoId, track.id);
    for (const { track, cues } of readable) {
      const language = LANGUAGE_TAG_PATTERN.test(track.language) ? track.language : 'und';
      const label = track.label.trim().slice(0, MEDIA_TRACK_LIMITS.labelCharacters) || languageName(language);
      try {
        await saveTextTrack(deps, { tenantId, videoId, origin: 'embedded', revision, language, label, kind: track.kind, cues, isDefault: track.isDefault, forced: track.forced });
      } catch (error) {
        // The video already has as many tracks as it may: the tenant's own come first.
        if (error instanceof DomainError && error.kind === 'limit') break;
        throw error;
      }
    }
  }
  await publishTextTracks(deps, tenantId, videoId, { rewrite: true });
}
