// RFC 6381 codec strings for the master playlist, read from what the encoder actually produced:
// x264 picks the level, and `ultrafast` silently changes the profile.
import { readFile } from 'node:fs/promises';

export const AAC_LC_CODEC = 'mp4a.40.2';

/** `avc1.PPCCLL` from the avcC box (profile, constraint flags, level) of an fMP4 init segment. */
export async function avcCodecString(initSegmentPath: string): Promise<string> {
  return avcCodecStringFrom(await readFile(initSegmentPath), initSegmentPath);
}

export function avcCodecStringFrom(initSegment: Uint8Array, label = 'init segment'): string {
  const boxType = Buffer.from(initSegment).indexOf('avcC', 0, 'latin1');
  const start = boxType + 4;
  // AVCDecoderConfigurationRecord: configurationVersion (always 1), profile, compatibility, level.
  if (boxType < 0 || initSegment.length < start + 4 || initSegment[start] !== 1) {
    throw new Error(`No H.264 decoder configuration (avcC) in ${label}`);
  }
  return `avc1.${hex(initSegment[start + 1])}${hex(initSegment[start + 2])}${hex(initSegment[start + 3])}`;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0');
}
