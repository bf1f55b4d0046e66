// caption-video: speech to text over a ready video's original, saved as its automatic track in `language`. Safe to
// re-run: it replaces that track's cues. A video that is gone or no longer ready, or a track removed meanwhile, ends
// the job quietly; a failure for good leaves the track failed with a reason the tenant can act on.
import { saveTextTrack } from '../../domain/captions/save-text-track.js';
import { markAutomaticCaptionsFailed } from '../../domain/captions/automatic-captions.js';
import { UntranscribableAudioError } from '../../domain/captions/untranscribable-audio-error.js';
import { DomainError } from '../../domain/errors.js';
import { UnplayableMediaError } from '../../domain/videos/unplayable-media-error.js';
import type { JobHandler } from '../job-handler.js';

export const captionVideo: JobHandler<'caption-video'> = async (job, attempt, { deps, log }) => {
  const video = await deps.db.selectFrom('videos').select(['status', 'source_key']).where('tenant_id', '=', job.tenantId).where('id', '=', job.videoId).executeTakeFirst();
  const track = await deps.db
    .selectFrom('text_tracks')
    .selectAll()
    .where('tenant_id', '=', job.tenantId)
    .where('video_id', '=', job.videoId)
    .where('origin', '=', 'automatic')
    .where('language', '=', job.language)
    .executeTakeFirst();
  if (!track) return;
  const fail = (reason: string) => markAutomaticCaptionsFailed(deps, track.id, job.tenantId, reason);
  if (!deps.speechToText) return fail('Automatic captions are not available on this platform. Upload a caption file instead.');
  if (video?.status !== 'ready' || !video.source_key) return fail('The video is not ready, so it was not captioned. Ask for automatic captions again once it is ready.');
  const context = log.child({ tenantId: job.tenantId, videoId: job.videoId, language: job.language });
  context.info(`automatic captions started with ${deps.speechToText.engine} (attempt ${attempt.retryCount + 1})`);
  try {
    const cues = await deps.speechToText.transcribe({ tenantId: job.tenantId, videoId: job.videoId, sourceKey: video.source_key, language: job.language, signal: attempt.signal });
    if (cues.length === 0) return await fail('No speech was heard in this video, so there are no captions to show.');
    // The tenant may have made the track the default or forced since: re-running keeps those choices.
    await saveTextTrack(deps, {
      tenantId: job.tenantId,
      videoId: job.videoId,
      origin: 'automatic',
      language: track.language,
      label: track.label,
      kind: track.kind,
      cues,
      isDefault: track.is_default,
      forced: track.forced,
      trackId: track.id,
    });
    context.info(`automatic captions ready: ${cues.length} cues`);
  } catch (error) {
    // The video (no sound) or the cues (saveTextTrack's checks) are at fault: no retry.
    if (error instanceof UnplayableMediaError) return fail(error.reason);
    if (error instanceof UntranscribableAudioError || error instanceof DomainError) return fail(error.message);
    if (attempt.isLast) await fail('Automatic captions failed on our side after several attempts. Ask for them again, or upload a caption file.');
    throw error;
  }
};
