// MediaConvert writes a CMAF group's WebVTT captions as segmented `.vtt` files with a playlist; the platform keeps
// captions as one WebVTT document per track (the captions editor edits it, the control plane segments it again), so the
// segments are joined here. A cue that spans a segment boundary is written into both segments: it is kept once.
// Cue times are used as written: MediaConvert's segments count from the start of the output, as its video does.

const TIMING = /^(\S+)\s+-->\s+(\S+)/;

/** One WebVTT document holding every cue of `segments`, in order, each once. */
export function joinWebvttSegments(segments: readonly string[]): string {
  const seen = new Set<string>();
  const cues: string[] = [];
  for (const segment of segments) {
    for (const block of segment.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
      const lines = block.split('\n').filter((line, index) => index > 0 || line.trim() !== '');
      const timingAt = lines.findIndex((line) => TIMING.test(line));
      // Header (WEBVTT, X-TIMESTAMP-MAP), NOTE and STYLE blocks have no timing line.
      if (timingAt < 0 || timingAt > 1) continue;
      const cue = lines.slice(timingAt).join('\n').trim();
      if (seen.has(cue)) continue;
      seen.add(cue);
      cues.push(cue);
    }
  }
  return ['WEBVTT', ...cues].join('\n\n') + '\n';
}
