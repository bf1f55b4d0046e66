// HDR sources (HDR10/PQ and HLG, BT.2020) become SDR BT.709 for the H.264 ladder: played as they are, an 8-bit
// picture still tagged BT.2020/PQ looks washed out on SDR screens. The tone mapping runs once, at the top of the
// ladder's cascade (encode-ladder.ts), so every rung is scaled from the mapped picture.
import type { MediaNote, VideoRange } from '@ott/contracts';
import type { ProbeStream } from './ffprobe-report.js';

/** The source picture's colour coding, as the tone mapping needs it. */
export interface SourceColour {
  range: VideoRange;
  /** The YUV matrix: `bt2020nc` for nearly every HDR source. */
  matrix: 'bt2020nc' | 'bt2020c';
  /** Full-range (`pc`) sources are rare; limited (`tv`) is the default of every broadcast and camera format. */
  fullRange: boolean;
}

/** The transfer characteristic decides: PQ (`smpte2084`) and HLG (`arib-std-b67`) are HDR whatever the primaries. */
export function sourceColour(video: ProbeStream): SourceColour {
  const range: VideoRange = video.color_transfer === 'smpte2084' ? 'PQ' : video.color_transfer === 'arib-std-b67' ? 'HLG' : 'SDR';
  return { range, matrix: video.color_space === 'bt2020c' ? 'bt2020c' : 'bt2020nc', fullRange: video.color_range === 'pc' };
}

/**
 * zscale to linear light (100 nits nominal peak), BT.2020 → BT.709 primaries in float, Hable's curve with no
 * desaturation (highlights keep their colour), then BT.709 transfer and matrix in limited range, 8-bit 4:2:0.
 * The input's coding is named explicitly: a decoder that lost the stream's tags must not turn this into a no-op.
 */
export function toneMapToSdrFilter(colour: SourceColour): string {
  const transferIn = colour.range === 'PQ' ? 'smpte2084' : 'arib-std-b67';
  const rangeIn = colour.fullRange ? 'full' : 'limited';
  return [
    `zscale=tin=${transferIn}:pin=bt2020:min=${colour.matrix}:rin=${rangeIn}:t=linear:npl=100`,
    'format=gbrpf32le',
    'zscale=p=bt709',
    'tonemap=tonemap=hable:desat=0',
    'zscale=t=bt709:m=bt709:r=limited',
    'format=yuv420p',
  ].join(',');
}

/** Output options that tag the H.264 streams as what the tone mapping produced. */
export const BT709_OUTPUT_TAGS: readonly string[] = ['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv'];

/** Said on the video's page: the picture the viewers get is not the source's HDR grade. */
export function toneMappedNote(colour: SourceColour): MediaNote[] {
  if (colour.range === 'SDR') return [];
  const name = colour.range === 'PQ' ? 'HDR10 (PQ)' : 'HLG';
  return [{ code: 'hdr-tone-mapped', message: `The source is ${name} HDR; the video is delivered in SDR (BT.709), tone-mapped so it looks right on every screen.` }];
}
