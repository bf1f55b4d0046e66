import { describe, expect, it } from 'vitest';
import { buildEncodeArgs, cascadeFilter } from '../../src/adapters/local/ffmpeg/encode-ladder.js';
import { audioFilter } from '../../src/media/audio-rendition-encoding.js';
import { planLadder } from '../../src/media/plan-ladder.js';

describe('encodeLadder', () => {
  it('scales each rung from the next larger one, converting to 8-bit once', () => {
    const plan = planLadder({ width: 1280, height: 720, frameRate: 120 });
    expect(cascadeFilter(plan, 1, 120)).toBe('[0:1]fps=60,scale=1280:720,format=yuv420p,setsar=1,split=2[v0][c0];' + '[c0]scale=854:480,setsar=1,split=2[v1][c1];' + '[c1]scale=640:360,setsar=1[v2]');
  });

  it('tone-maps an HDR source once, at the top of the cascade, to 8-bit BT.709', () => {
    const plan = planLadder({ width: 1280, height: 720, frameRate: 30 });
    const filter = cascadeFilter(plan, 0, 30, { range: 'PQ', matrix: 'bt2020nc', fullRange: false });
    expect(filter.split(';')[0]).toBe(
      '[0:0]scale=1280:720,zscale=tin=smpte2084:pin=bt2020:min=bt2020nc:rin=limited:t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=limited,format=yuv420p,setsar=1,split=2[v0][c0]',
    );
    expect(filter.match(/tonemap=hable/g)).toHaveLength(1);
    expect(cascadeFilter(plan, 0, 30, { range: 'HLG', matrix: 'bt2020nc', fullRange: true })).toContain('zscale=tin=arib-std-b67:pin=bt2020:min=bt2020nc:rin=full:');
  });

  it('normalises each audio track to stereo, the loudness target and 48 kHz', () => {
    expect(audioFilter(3, 1)).toBe('[0:3]aformat=channel_layouts=stereo,loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000[a1]');
  });

  it('encodes video-only rungs in one process and one audio-only rendition per track in another, tagging HDR output BT.709', () => {
    const plan = planLadder({ width: 854, height: 480, frameRate: 30 });
    const input = {
      ffmpegPath: 'ffmpeg',
      preset: 'veryfast' as const,
      sourcePath: '/scratch/source',
      demuxer: 'matroska',
      outputDir: '/scratch/out',
      plan,
      sourceFrameRate: 30,
      videoStreamIndex: 0,
      audioStreamIndexes: [1, 2],
      colour: { range: 'PQ' as const, matrix: 'bt2020nc' as const, fullRange: false },
      durationSeconds: 4,
    };
    const { video, audio } = buildEncodeArgs(input);
    const maps = (args: readonly string[]) => args.filter((arg, i) => args[i - 1] === '-map');
    expect(video.args[video.args.indexOf('-var_stream_map') + 1]).toBe('v:0,name:480p v:1,name:360p');
    expect(maps(video.args)).toEqual(['[v0]', '[v1]']);
    expect(video.args.join(' ')).toContain('-color_primaries bt709 -color_trc bt709 -colorspace bt709');
    expect(video.args).not.toContain('-c:a');
    expect(audio?.args[audio.args.indexOf('-var_stream_map') + 1]).toBe('a:0,name:audio_1 a:1,name:audio_2');
    expect(maps(audio?.args ?? [])).toEqual(['[a0]', '[a1]']);
    expect(audio?.args.join(' ')).toContain('-c:a aac -b:a 128000 -ac 2 -ar 48000');
    expect(audio?.args).not.toContain('-c:v');
    // Both read the same bytes the same way, and a silent source has no audio process at all.
    expect(audio?.cwd).toBe(video.cwd);
    expect(buildEncodeArgs({ ...input, audioStreamIndexes: [] }).audio).toBeUndefined();
  });
});
