// Full screen and picture-in-picture, toggled with whichever API this browser has.

/** The player's element fills the screen, or leaves it. */
export async function toggleFullscreen(element: HTMLElement, video: HTMLVideoElement): Promise<void> {
  const doc = element.ownerDocument;
  if (doc.fullscreenElement === element) return doc.exitFullscreen();
  if (typeof element.requestFullscreen === 'function') return element.requestFullscreen().catch(() => {});
  // iPhone Safari has no element fullscreen, only the video's own.
  (video as HTMLVideoElement & { webkitEnterFullscreen?: () => void }).webkitEnterFullscreen?.();
}

export async function togglePictureInPicture(video: HTMLVideoElement): Promise<void> {
  const doc = video.ownerDocument;
  if (doc.pictureInPictureElement === video) return doc.exitPictureInPicture();
  if (doc.pictureInPictureEnabled)
    await video.requestPictureInPicture().then(
      () => undefined,
      () => undefined,
    );
}
