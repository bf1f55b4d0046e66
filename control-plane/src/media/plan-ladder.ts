// Which renditions a source gets. Rungs are named and classified by the picture's SHORT side, so a
// portrait 720x1280 phone video is "720p" like a landscape 1280x720 one. A rung is a class with a tolerance: a
// source a few pixels short of it (1918x1078 from an editor's crop, 1280x718 from a phone) still gets it, encoded
// at the source's own even size rather than upscaled.

export interface LadderRung {
  name: string;
  shortSide: number;
  /** H.264 target for a 16:9 picture at up to 30 fps; other shapes and rates are scaled from it. */
  videoBitrate: number;
}

export const DEFAULT_LADDER: readonly LadderRung[] = [
  { name: '2160p', shortSide: 2160, videoBitrate: 12_000_000 },
  { name: '1080p', shortSide: 1080, videoBitrate: 5_000_000 },
  { name: '720p', shortSide: 720, videoBitrate: 3_000_000 },
  { name: '480p', shortSide: 480, videoBitrate: 1_400_000 },
  { name: '360p', shortSide: 360, videoBitrate: 800_000 },
];

/**
 * Every encoder puts a keyframe in every rung at the same instants, so segments (and players' switches) align and
 * storyboard tiles can be cut from keyframes alone.
 */
export const KEYFRAME_INTERVAL_SECONDS = 2;
export const SEGMENT_SECONDS = 6;
/** Stereo AAC, the same for every audio rendition and from every encoder. */
export const AUDIO_BITRATE = 128_000;
export const AUDIO_SAMPLE_RATE = 48_000;
/**
 * Every audio rendition is normalised to this loudness, so switching language or video never jumps in volume:
 * -16 LUFS integrated (what Apple and most streaming services recommend for music and speech on mobile devices),
 * -1.5 dBTP true peak (room for the AAC encoder's overshoot), loudness range up to 11 LU (loudnorm's default).
 */
export const LOUDNESS_TARGET = { integratedLufs: -16, truePeakDbtp: -1.5, rangeLu: 11 } as const;

/**
 * How far below a rung's short side a source may be and still get that rung: 3% takes 1078 into the 1080p class
 * (and 698 into 720p) while 1040 stays out of it.
 */
export const RUNG_TOLERANCE = 0.03;

/** Above this, players and phones drop frames; higher rates are divided down (120 → 60, 100 → 50). */
export const MAX_FRAME_RATE = 60;

/** Peaks may exceed the target this much; the VBV buffer spans two seconds at the target rate. */
const MAX_RATE_FACTOR = 1.25;
const BUFFER_SECONDS = 2;

export interface PlannedRendition {
  name: string;
  width: number;
  height: number;
  videoBitrate: number;
  maxRate: number;
  bufferSize: number;
}

export interface LadderPlan {
  frameRate: number;
  /** Largest first: each one is scaled from the previous. */
  renditions: PlannedRendition[];
}

export interface DisplayedSource {
  width: number;
  height: number;
  frameRate: number;
}

export function planLadder(source: DisplayedSource, rungs: readonly LadderRung[] = DEFAULT_LADDER): LadderPlan {
  const sorted = [...rungs].sort((a, b) => b.shortSide - a.shortSide);
  const smallest = sorted.at(-1);
  if (!smallest) throw new Error('The ladder needs at least one rung');
  const sourceShort = Math.min(source.width, source.height);
  // Never upscale: a rung within the tolerance is encoded at the source's size; a source smaller than every rung gets
  // one rendition at its own size.
  const fitting = sorted.filter((rung) => rung.shortSide * (1 - RUNG_TOLERANCE) <= sourceShort);
  const frameRate = cappedFrameRate(source.frameRate);
  const renditions =
    fitting.length > 0
      ? fitting.map((rung) => planRendition(source, rung, rung.shortSide, frameRate))
      : [{ ...planRendition(source, smallest, sourceShort, frameRate), name: `${evenFloor(sourceShort)}p` }];
  return { frameRate, renditions };
}

/** `rung` sets the bitrate for its reference size; the picture is scaled to `targetShort`. */
function planRendition(source: DisplayedSource, rung: LadderRung, targetShort: number, frameRate: number): PlannedRendition {
  const landscape = source.width >= source.height;
  const sourceShort = landscape ? source.height : source.width;
  const sourceLong = landscape ? source.width : source.height;
  const short = Math.max(2, evenFloor(Math.min(targetShort, sourceShort)));
  const long = Math.max(2, Math.min(evenRound((sourceLong * short) / sourceShort), evenFloor(sourceLong)));
  const width = landscape ? long : short;
  const height = landscape ? short : long;

  const referencePixels = rung.shortSide * evenRound((rung.shortSide * 16) / 9);
  const shapeFactor = clamp((width * height) / referencePixels, 0.25, 1.5);
  const rateFactor = frameRate > 30 ? 1.5 : 1;
  const videoBitrate = roundToThousand(rung.videoBitrate * shapeFactor * rateFactor);
  return {
    name: rung.name,
    width,
    height,
    videoBitrate,
    maxRate: roundToThousand(videoBitrate * MAX_RATE_FACTOR),
    bufferSize: roundToThousand(videoBitrate * BUFFER_SECONDS),
  };
}

function cappedFrameRate(frameRate: number): number {
  return frameRate / Math.ceil(frameRate / MAX_FRAME_RATE);
}

function evenFloor(value: number): number {
  return Math.floor(value / 2) * 2;
}

function evenRound(value: number): number {
  return Math.round(value / 2) * 2;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function roundToThousand(value: number): number {
  return Math.round(value / 1000) * 1000;
}
