// How long a transcode has left, from the rate so far: a ladder encodes at a steady pace, so the time spent over the
// progress made predicts the rest. Nothing is said until there is a rate worth extrapolating.
import type { Video } from '../../db/schema.js';

/** Below this much progress, or this soon after the start, the rate is mostly start-up cost. */
const MIN_PROGRESS = 0.03;
const MIN_ELAPSED_MS = 2_000;

export function transcodeSecondsLeft(video: Pick<Video, 'status' | 'progress' | 'processing_started_at'>, now: Date): number | null {
  if (video.status !== 'processing' || video.processing_started_at === null) return null;
  const elapsedMs = now.getTime() - video.processing_started_at.getTime();
  if (video.progress < MIN_PROGRESS || elapsedMs < MIN_ELAPSED_MS) return null;
  return Math.max(0, Math.round((elapsedMs * (1 - video.progress)) / video.progress / 1000));
}
