// The <video>'s captions: its text tracks of kind subtitles or captions (chapters, descriptions and metadata
// tracks are not for the viewer to pick), in that filtered order. The browser's own HLS lists a stream's subtitle
// renditions here; hls.js adds one per subtitle rendition too.
export function captionTextTracks(video: HTMLVideoElement): TextTrack[] {
  const list = video.textTracks as TextTrackList | undefined;
  return list ? [...list].filter((track) => track.kind === 'subtitles' || track.kind === 'captions') : [];
}
