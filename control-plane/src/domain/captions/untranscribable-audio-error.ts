/**
 * Speech to text cannot caption this video because of the video itself (no sound, no such audio track): retrying will
 * not help, and the reason is shown on the failed automatic track as it is.
 */
export class UntranscribableAudioError extends Error {
  override readonly name = 'UntranscribableAudioError';
}
