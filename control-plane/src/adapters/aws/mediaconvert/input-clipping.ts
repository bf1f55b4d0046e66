// A clip's time range as MediaConvert's InputClippings. API InputClipping: timecodes are `HH:MM:SS:FF`, "the frame
// corresponding to the End timecode value is included in the clip", and they are read in the input's timecode source;
// with TimecodeSource ZEROBASED the first frame is 00:00:00:00 (UG "Setting up timecode",
// https://docs.aws.amazon.com/mediaconvert/latest/ug/timecode.html).
//
// Rounding, so that the clip holds exactly the frames whose display time t satisfies start ≤ t < end:
// - the first frame is the first at or after `start` (k = ⌈start · fps⌉), the last the last before `end`
//   (k = ⌈end · fps⌉ − 1), both with a 1 ms tolerance so that 10.0 s at 30 fps is frame 300, not 301;
// - a frame number becomes a timecode counted at the nominal rate (fps rounded: 30 for 29.97; non-drop-frame `:`), which
//   is how timecode numbers frames: at 29.97 fps frame 1800 is 00:01:00:00, about 60.06 s of real time.
import type { InputClipping } from '@aws-sdk/client-mediaconvert';

const TOLERANCE_SECONDS = 0.001;

export interface ClipRange {
  startSeconds: number;
  endSeconds: number;
}

export function inputClipping(clip: ClipRange, frameRate: number): InputClipping {
  if (!(clip.endSeconds > clip.startSeconds) || clip.startSeconds < 0) {
    throw new RangeError(`A clip runs from a start to a later end; got ${clip.startSeconds} s to ${clip.endSeconds} s`);
  }
  const first = Math.max(0, Math.ceil((clip.startSeconds - TOLERANCE_SECONDS) * frameRate));
  const last = Math.max(first, Math.ceil((clip.endSeconds - TOLERANCE_SECONDS) * frameRate) - 1);
  return { StartTimecode: timecode(first, frameRate), EndTimecode: timecode(last, frameRate) };
}

/** Frame number → `HH:MM:SS:FF` at the nominal (whole) rate. */
export function timecode(frame: number, frameRate: number): string {
  const nominal = Math.max(1, Math.round(frameRate));
  const seconds = Math.floor(frame / nominal);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}:${pad(frame % nominal)}`;
}
