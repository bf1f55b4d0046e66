// The MediaConvert jobs of issue 16, built from what ffprobe really reports for sources made here with ffmpeg (an MKV
// with English and French audio and an English SRT track, an HDR10 HEVC film), and checked by the validator that
// encodes MediaConvert's documented rules (validate-job-settings.ts names each rule's page).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CreateJobCommandInput, Output } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProbeReport } from '../../src/media/ffprobe-report.js';
import { planLadder } from '../../src/media/plan-ladder.js';
import { LOUDNESS_TARGET_LKFS } from '../../src/adapters/aws/mediaconvert/audio-settings.js';
import { buildCreateJobRequest, buildDownloadsJobRequest, type JobRequestInput } from '../../src/adapters/aws/mediaconvert/create-job-request.js';
import { inputClipping } from '../../src/adapters/aws/mediaconvert/input-clipping.js';
import { sourceTracksOf, type SourceTracks } from '../../src/adapters/aws/mediaconvert/source-tracks.js';
import { jobSettingsViolations } from '../../src/adapters/aws/mediaconvert/validate-job-settings.js';
import { STEREO_ENGLISH } from './support/source-tracks-fixtures.js';

const run = promisify(execFile);
let work: string;
let bilingual: SourceTracks;
let hdr10: SourceTracks;

function jobFor(tracks: SourceTracks, overrides: Partial<JobRequestInput> = {}): CreateJobCommandInput {
  const source = overrides.source ?? { width: 1920, height: 1080, frameRate: 25 };
  return buildCreateJobRequest({
    sourceUri: 's3://ott-prod-tenant/sources/tenant/video/original.mkv',
    stagingUri: 's3://ott-prod-tenant/staging/abc-1/',
    plan: planLadder(source),
    tracks,
    durationSeconds: 60,
    source,
    roleArn: 'arn:aws:iam::111111111111:role/ott-prod-mc-tenant',
    queueArn: 'arn:aws:mediaconvert:eu-west-1:111111111111:queues/ott-prod-eu-1',
    tenantId: 'tenant',
    deployment: 'ott-prod',
    requestToken: 'abc-1',
    priority: 0,
    metadata: {},
    ...overrides,
  });
}

const cmafOutputs = (job: CreateJobCommandInput): Output[] => job.Settings?.OutputGroups?.find((group) => group.Name === 'CMAF')?.Outputs ?? [];
const rulesOf = (job: CreateJobCommandInput) => jobSettingsViolations(job).map((violation) => violation.rule);

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ott-mc-tracks-'));
  const srt = path.join(work, 'english.srt');
  await run('sh', ['-c', `printf '1\\n00:00:00,500 --> 00:00:01,500\\nHello.\\n' > ${srt}`]);
  const mkv = path.join(work, 'bilingual.mkv');
  // English stereo (default), French mono, and an English SubRip track.
  await run('ffmpeg', [
    ...['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=2'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=660:duration=2', '-i', srt],
    ...['-map', '0:v', '-map', '1:a', '-map', '2:a', '-map', '3:s', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-c:s', 'srt'],
    ...['-filter:a:0', 'aformat=channel_layouts=stereo', '-filter:a:1', 'aformat=channel_layouts=mono'],
    ...['-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=fre', '-metadata:s:s:0', 'language=eng'],
    ...['-disposition:a:0', 'default', '-disposition:a:1', '0', mkv],
  ]);
  bilingual = sourceTracksOf(await readProbeReport('ffprobe', mkv));
  const hdr = path.join(work, 'hdr10.mp4');
  await run('ffmpeg', [
    ...['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=1'],
    ...['-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-x265-params', 'log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc'],
    ...['-color_primaries', 'bt2020', '-color_trc', 'smpte2084', '-colorspace', 'bt2020nc', '-tag:v', 'hvc1', hdr],
  ]);
  hdr10 = sourceTracksOf(await readProbeReport('ffprobe', hdr));
}, 60_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('an MKV with English and French audio and an English SRT track', () => {
  it('reads both audio tracks with their languages, and notes the SRT track MediaConvert cannot read', () => {
    expect(bilingual.audio).toEqual([
      { track: 1, iso639: 'eng', language: 'en', name: 'English', channels: 2, isDefault: true },
      { track: 2, iso639: 'fre', language: 'fr', name: 'French', channels: 1, isDefault: false },
    ]);
    expect(bilingual.embeddedCaptions).toBeUndefined();
    expect(bilingual.notes).toEqual([{ code: 'subtitles-not-converted', message: expect.stringContaining('"English" (SubRip) was not converted') }]);
    expect(bilingual.notes[0]?.message).toContain('Upload it as an SRT or WebVTT file');
  });

  it('selects each track by number and gives each its own CMAF audio rendition in one group, English the default', () => {
    const job = jobFor(bilingual);
    expect(job.Settings?.Inputs?.[0]?.AudioSelectors).toEqual({
      'Audio Selector 1': { SelectorType: 'TRACK', Tracks: [1], DefaultSelection: 'DEFAULT' },
      'Audio Selector 2': { SelectorType: 'TRACK', Tracks: [2], DefaultSelection: 'NOT_DEFAULT' },
    });
    const audio = cmafOutputs(job).filter((output) => output.AudioDescriptions);
    expect(audio.map((output) => [output.NameModifier, output.ContainerSettings?.CmfcSettings?.AudioGroupId, output.ContainerSettings?.CmfcSettings?.AudioTrackType])).toEqual([
      ['_audio_1', 'audio', 'ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT'],
      ['_audio_2', 'audio', 'ALTERNATE_AUDIO_AUTO_SELECT'],
    ]);
    expect(audio.map((output) => output.AudioDescriptions?.[0])).toMatchObject([
      { AudioSourceName: 'Audio Selector 1', StreamName: 'English', LanguageCodeControl: 'USE_CONFIGURED', CustomLanguageCode: 'eng' },
      { AudioSourceName: 'Audio Selector 2', StreamName: 'French', LanguageCodeControl: 'USE_CONFIGURED', CustomLanguageCode: 'fre' },
    ]);
    expect(jobSettingsViolations(job)).toEqual([]);
  });

  it('encodes every track as AAC-LC stereo at 48 kHz, loudness-normalised to -16 LKFS, the mono one sent to both sides', () => {
    const [english, french] = cmafOutputs(jobFor(bilingual)).flatMap((output) => output.AudioDescriptions ?? []);
    for (const description of [english, french]) {
      expect(description?.CodecSettings).toEqual({ Codec: 'AAC', AacSettings: { Bitrate: 128_000, CodingMode: 'CODING_MODE_2_0', SampleRate: 48_000, CodecProfile: 'LC' } });
      expect(description?.AudioNormalizationSettings).toMatchObject({ Algorithm: 'ITU_BS_1770_3', AlgorithmControl: 'CORRECT_AUDIO', TargetLkfs: -16 });
    }
    expect(LOUDNESS_TARGET_LKFS).toBe(-16);
    expect(english?.RemixSettings).toBeUndefined();
    expect(french?.RemixSettings).toEqual({ ChannelsIn: 1, ChannelsOut: 2, ChannelMapping: { OutputChannels: [{ InputChannels: [0] }, { InputChannels: [0] }] } });
  });

  it('folds a 5.1 track into stereo with centre and surrounds at -3 dB and no LFE', () => {
    const surround: SourceTracks = { ...STEREO_ENGLISH, audio: [{ track: 1, iso639: 'eng', language: 'en', name: 'English', channels: 6, isDefault: true }] };
    const job = jobFor(surround);
    const remix = cmafOutputs(job).find((output) => output.AudioDescriptions)?.AudioDescriptions?.[0]?.RemixSettings;
    expect(remix?.ChannelMapping?.OutputChannels).toEqual([{ InputChannels: [0, -60, -3, -60, -3, -60] }, { InputChannels: [-60, 0, -3, -60, -60, -3] }]);
    expect(jobSettingsViolations(job)).toEqual([]);
  });
});

describe('captions carried in the video stream (CEA-608)', () => {
  it('become a WebVTT output in the CMAF group, read from 608 channel 1', () => {
    const report = {
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, closed_captions: 1 },
        { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 2, tags: { language: 'eng' } },
      ],
    };
    const tracks = sourceTracksOf(report);
    expect(tracks.embeddedCaptions).toEqual({ sourceType: 'EMBEDDED', language: 'und', name: 'Captions' });
    const job = jobFor(tracks);
    expect(job.Settings?.Inputs?.[0]?.CaptionSelectors).toEqual({ 'Captions Selector 1': { SourceSettings: { SourceType: 'EMBEDDED', EmbeddedSourceSettings: { Source608ChannelNumber: 1 } } } });
    const captions = cmafOutputs(job).find((output) => output.CaptionDescriptions);
    expect(captions).toMatchObject({
      NameModifier: '_captions',
      CaptionDescriptions: [{ CaptionSelectorName: 'Captions Selector 1', DestinationSettings: { DestinationType: 'WEBVTT', WebvttDestinationSettings: { Accessibility: 'ENABLED' } } }],
    });
    expect(jobSettingsViolations(job)).toEqual([]);
  });

  it('a QuickTime captions track is read as ancillary data, with its language', () => {
    const tracks = sourceTracksOf({
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'h264', width: 1280, height: 720 },
        { index: 1, codec_type: 'subtitle', codec_name: 'eia_608', tags: { language: 'spa' } },
      ],
    });
    expect(tracks.embeddedCaptions).toEqual({ sourceType: 'ANCILLARY', language: 'es', name: 'Spanish' });
    expect(tracks.notes).toEqual([]);
    const captions = cmafOutputs(jobFor(tracks)).find((output) => output.CaptionDescriptions)?.CaptionDescriptions?.[0];
    expect(captions).toMatchObject({ CustomLanguageCode: 'es', LanguageDescription: 'Spanish' });
  });

  it('image-based subtitles are noted as not converted, not dropped silently', () => {
    const tracks = sourceTracksOf({
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080 },
        { index: 1, codec_type: 'subtitle', codec_name: 'hdmv_pgs_subtitle', tags: { language: 'ger' } },
      ],
    });
    expect(tracks.notes).toEqual([{ code: 'subtitles-not-converted', message: expect.stringContaining('"German" is made of pictures (PGS)') }]);
  });
});

describe('an HDR10 source', () => {
  it('is read as PQ and tone-mapped to SDR BT.709 on every output that shows its picture', () => {
    expect(hdr10.range).toBe('PQ');
    const job = jobFor(hdr10);
    expect(job.Settings?.Inputs?.[0]?.VideoSelector).toEqual({ Rotate: 'AUTO', ColorSpace: 'HDR10', ColorSpaceUsage: 'FALLBACK' });
    const pictures = (job.Settings?.OutputGroups ?? []).flatMap((group) => group.Outputs ?? []).filter((output) => output.VideoDescription);
    expect(pictures.length).toBeGreaterThan(4);
    for (const output of pictures) {
      expect(output.VideoDescription?.VideoPreprocessors?.ColorCorrector).toEqual({ ColorSpaceConversion: 'FORCE_709', HdrToSdrToneMapper: 'VIBRANT' });
      expect(output.VideoDescription?.ColorMetadata).toBe('INSERT');
    }
    expect(jobSettingsViolations(job)).toEqual([]);
  });

  it('an HLG source says PRESERVE_DETAILS, the mode MediaConvert applies to HLG whatever it is told', () => {
    const job = jobFor({ ...STEREO_ENGLISH, range: 'HLG' });
    expect(job.Settings?.Inputs?.[0]?.VideoSelector).toMatchObject({ ColorSpace: 'HLG_2020' });
    expect(cmafOutputs(job)[0]?.VideoDescription?.VideoPreprocessors?.ColorCorrector?.HdrToSdrToneMapper).toBe('PRESERVE_DETAILS');
  });

  it('an SDR source gets no colour conversion', () => {
    const job = jobFor(STEREO_ENGLISH);
    expect(job.Settings?.Inputs?.[0]?.VideoSelector).toEqual({ Rotate: 'AUTO' });
    expect(cmafOutputs(job)[0]?.VideoDescription?.VideoPreprocessors).toBeUndefined();
  });
});

describe('a clip', () => {
  it('is an input clipping in zero-based HH:MM:SS:FF timecode, both edge frames included', () => {
    // 12.5 s at 25 fps falls between frames 312 and 313: the clip starts at 313 (12 s + 13 frames); it ends on frame
    // 1874, the last before 75 s.
    const job = jobFor(STEREO_ENGLISH, { clip: { startSeconds: 12.5, endSeconds: 75 }, durationSeconds: 62.5 });
    expect(job.Settings?.Inputs?.[0]).toMatchObject({ TimecodeSource: 'ZEROBASED', InputClippings: [{ StartTimecode: '00:00:12:13', EndTimecode: '00:01:14:24' }] });
    expect(jobSettingsViolations(job)).toEqual([]);
  });

  it('counts 29.97 fps frames at the nominal 30 a second, and rounds a start between frames up to the next frame', () => {
    // 10 s at 30000/1001 fps is frame 299.7: the first frame at or after it is 300, timecode 00:00:10:00.
    expect(inputClipping({ startSeconds: 10, endSeconds: 3600 }, 30000 / 1001)).toEqual({ StartTimecode: '00:00:10:00', EndTimecode: '00:59:56:12' });
    expect(inputClipping({ startSeconds: 0, endSeconds: 1 }, 25)).toEqual({ StartTimecode: '00:00:00:00', EndTimecode: '00:00:00:24' });
    expect(() => inputClipping({ startSeconds: 5, endSeconds: 5 }, 25)).toThrow(RangeError);
  });
});

describe('downloads', () => {
  it('are a FILE group of progressive MP4s: the highest rendition at or below 1080p and the smallest, with the default audio', () => {
    const job = jobFor(bilingual, { downloads: true, source: { width: 3840, height: 2160, frameRate: 25 } });
    const group = job.Settings?.OutputGroups?.find((candidate) => candidate.Name === 'Downloads');
    expect(group?.OutputGroupSettings).toEqual({ Type: 'FILE_GROUP_SETTINGS', FileGroupSettings: { Destination: 's3://ott-prod-tenant/staging/abc-1/downloads/download' } });
    expect(group?.Outputs?.map((output) => [output.NameModifier, output.VideoDescription?.Width, output.VideoDescription?.Height])).toEqual([
      ['_1080p', 1920, 1080],
      ['_360p', 640, 360],
    ]);
    for (const output of group?.Outputs ?? []) {
      expect(output.ContainerSettings).toEqual({ Container: 'MP4', Mp4Settings: { MoovPlacement: 'PROGRESSIVE_DOWNLOAD' } });
      expect(output.AudioDescriptions?.map((audio) => audio.AudioSourceName)).toEqual(['Audio Selector 1']);
    }
    expect(jobSettingsViolations(job)).toEqual([]);
  });

  it('made afterwards are a job with only that group, from the original and the clip that made the video', () => {
    const job = buildDownloadsJobRequest({ ...baseInput(), downloads: true, clip: { startSeconds: 1, endSeconds: 2 } });
    expect(job.Settings?.OutputGroups?.map((group) => group.Name)).toEqual(['Downloads']);
    expect(job.Settings?.Inputs?.[0]?.InputClippings).toEqual([{ StartTimecode: '00:00:01:00', EndTimecode: '00:00:01:24' }]);
    expect(jobSettingsViolations(job)).toEqual([]);
  });

  it('are not written unless asked for', () => {
    expect(jobFor(STEREO_ENGLISH).Settings?.OutputGroups?.map((group) => group.Name)).toEqual(['CMAF', 'Stills']);
  });
});

function baseInput(): JobRequestInput {
  const source = { width: 1280, height: 720, frameRate: 25 };
  return {
    sourceUri: 's3://b/sources/t/v/original.mp4',
    stagingUri: 's3://b/staging/x/',
    plan: planLadder(source),
    tracks: STEREO_ENGLISH,
    durationSeconds: 1,
    source,
    roleArn: 'r',
    queueArn: 'q',
    tenantId: 't',
    deployment: 'd',
    requestToken: 'x',
    priority: 0,
    metadata: {},
  };
}

describe('jobs with tracks MediaConvert rejects fail with the rule named', () => {
  it('two default audio renditions, and one that does not say its type among several', () => {
    const job = jobFor(bilingual);
    const [english, french] = cmafOutputs(job).filter((output) => output.AudioDescriptions);
    if (!english?.ContainerSettings?.CmfcSettings || !french?.ContainerSettings?.CmfcSettings) throw new Error('expected two audio renditions');
    french.ContainerSettings.CmfcSettings.AudioTrackType = 'ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT';
    expect(rulesOf(job)).toEqual(['one-default-audio']);
    delete english.ContainerSettings.CmfcSettings.AudioTrackType;
    expect(rulesOf(job)).toEqual(['audio-track-type']);
  });

  it('a remix matrix that does not match its channel counts, and gains or loudness out of range', () => {
    const job = jobFor(bilingual);
    const french = cmafOutputs(job).filter((output) => output.AudioDescriptions)[1]?.AudioDescriptions?.[0];
    if (!french?.RemixSettings?.ChannelMapping || !french.AudioNormalizationSettings) throw new Error('expected a remixed track');
    french.RemixSettings.ChannelsOut = 3;
    french.RemixSettings.ChannelMapping.OutputChannels = [{ InputChannels: [0, 0] }, { InputChannels: [12] }];
    french.AudioNormalizationSettings.TargetLkfs = 3;
    expect(rulesOf(job).sort()).toEqual(['remix-channels', 'remix-matrix', 'remix-matrix', 'value-range', 'value-range']);
  });

  it('an audio description naming a selector no input has, and language codes MediaConvert does not take', () => {
    const job = jobFor(STEREO_ENGLISH, { downloads: true });
    const selector = job.Settings?.Inputs?.[0]?.AudioSelectors?.['Audio Selector 1'];
    const download = job.Settings?.OutputGroups?.find((group) => group.Name === 'Downloads')?.Outputs?.[0]?.AudioDescriptions?.[0];
    if (!selector || !download) throw new Error('expected a selector and a download');
    selector.CustomLanguageCode = 'en';
    download.CustomLanguageCode = 'en-GB';
    download.AudioSourceName = 'Audio Selector 9';
    expect(rulesOf(job).sort()).toEqual(['audio-source-name', 'language-code', 'language-code']);
  });

  it('a malformed clip timecode, a clipping with neither end, and captions in a format CMAF does not carry', () => {
    const job = jobFor({ ...STEREO_ENGLISH, embeddedCaptions: { sourceType: 'EMBEDDED', language: 'en', name: 'English' } }, { clip: { startSeconds: 0, endSeconds: 1 } });
    const input = job.Settings?.Inputs?.[0];
    const captions = cmafOutputs(job).find((output) => output.CaptionDescriptions)?.CaptionDescriptions?.[0];
    if (!input?.InputClippings || !captions?.DestinationSettings) throw new Error('expected a clip and captions');
    input.InputClippings = [{ StartTimecode: '0:00:01.000' }, {}];
    captions.DestinationSettings.DestinationType = 'SRT';
    captions.CaptionSelectorName = 'Captions Selector 2';
    expect(rulesOf(job).sort()).toEqual(['caption-selector-name', 'clip-bounds', 'cmaf-caption-format', 'timecode']);
  });
});
