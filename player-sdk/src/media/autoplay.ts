/** Starts playback without a gesture; browsers refuse unmuted autoplay then, muted autoplay is allowed everywhere. */
export async function autoplay(video: HTMLVideoElement): Promise<void> {
  try {
    await video.play();
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'NotAllowedError') || video.muted) return;
    video.muted = true;
    await video.play().catch(() => {});
  }
}
