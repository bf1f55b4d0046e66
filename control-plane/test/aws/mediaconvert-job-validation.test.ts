// MediaConvert has no emulator, so its documented rules live in validate-job-settings.ts. These tests hold that
// validator to AWS's own example jobs (which must pass), run every job our planner can produce through it, and check
// that the job this project used to send (fMP4 inside an Apple HLS group, which MediaConvert rejects) fails by name.
import { readFileSync } from 'node:fs';
import type { CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import { describe, expect, it } from 'vitest';
import { planLadder } from '../../src/media/plan-ladder.js';
import { buildCreateJobRequest, type JobRequestInput } from '../../src/adapters/aws/mediaconvert/create-job-request.js';
import { assertValidJobSettings, InvalidJobSettingsError, jobSettingsViolations } from '../../src/adapters/aws/mediaconvert/validate-job-settings.js';
import { SILENT, STEREO_ENGLISH } from './support/source-tracks-fixtures.js';

const fixture = (name: string) => (JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')) as { job: CreateJobCommandInput }).job;

function jobFor(source: { width: number; height: number; frameRate: number }, hasAudio: boolean, overrides: Partial<JobRequestInput> = {}): CreateJobCommandInput {
  return buildCreateJobRequest({
    sourceUri: 's3://ott-prod-tenant/sources/tenant/video/original.mp4',
    stagingUri: 's3://ott-prod-tenant/staging/abc-1/',
    plan: planLadder(source),
    tracks: hasAudio ? STEREO_ENGLISH : SILENT,
    durationSeconds: 95.5,
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

const rulesOf = (job: CreateJobCommandInput) => jobSettingsViolations(job).map((violation) => violation.rule);

describe("AWS's example jobs (MediaConvert user guide) pass the validator", () => {
  it.each(['mediaconvert-ug-example-mp4.json', 'mediaconvert-ug-example-hls-abr.json', 'mediaconvert-ug-example-automated-abr.json'])('%s', (name) => {
    expect(jobSettingsViolations(fixture(name))).toEqual([]);
  });
});

describe('every job the planner can produce passes the validator', () => {
  const sources = [
    { width: 640, height: 360 },
    { width: 320, height: 240 }, // below the smallest rung: one rendition at its own size
    { width: 854, height: 480 },
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
    { width: 2560, height: 1440 },
    { width: 3840, height: 2160 },
    { width: 4096, height: 2160 },
    { width: 1080, height: 1920 }, // portrait phone video
    { width: 1918, height: 1078 }, // odd-sized export
  ];
  const rates = [23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60, 120];
  const cases = sources.flatMap((size) => rates.flatMap((frameRate) => [true, false].map((hasAudio) => ({ ...size, frameRate, hasAudio }))));

  it(`accepts all ${cases.length} (sizes 320x240 to 4096x2160, 23.976 to 120 fps, with and without audio)`, () => {
    const broken = cases.flatMap(({ hasAudio, ...source }) => jobSettingsViolations(jobFor(source, hasAudio)).map((violation) => ({ source, hasAudio, violation })));
    expect(broken).toEqual([]);
  });

  it('writes one CMAF group: fMP4 outputs, 6 s segments of 2 s fragments (one closed GOP each), an HLS manifest and no DASH one', () => {
    const [cmaf] = jobFor({ width: 1920, height: 1080, frameRate: 25 }, true).Settings?.OutputGroups ?? [];
    expect(cmaf?.OutputGroupSettings).toMatchObject({
      Type: 'CMAF_GROUP_SETTINGS',
      CmafGroupSettings: { SegmentLength: 6, FragmentLength: 2, WriteHlsManifest: 'ENABLED', WriteDashManifest: 'DISABLED', Destination: 's3://ott-prod-tenant/staging/abc-1/cmaf/master' },
    });
    expect(cmaf?.Outputs?.map((output) => output.ContainerSettings?.Container)).toEqual(['CMFC', 'CMFC', 'CMFC', 'CMFC', 'CMFC']);
  });
});

describe('jobs MediaConvert rejects fail with the rule named', () => {
  it('the job this project used to send: fMP4 (CMFC) outputs inside an Apple HLS group', () => {
    const job = jobFor({ width: 1920, height: 1080, frameRate: 30 }, true);
    const [cmaf] = job.Settings?.OutputGroups ?? [];
    if (!cmaf) throw new Error('no output group');
    // The group exactly as create-job-request.ts built it before: HLS group settings, the same CMFC outputs.
    cmaf.OutputGroupSettings = {
      Type: 'HLS_GROUP_SETTINGS',
      HlsGroupSettings: {
        Destination: 's3://ott-prod-tenant/staging/abc-1/hls/master',
        SegmentLength: 6,
        MinSegmentLength: 0,
        SegmentControl: 'SEGMENTED_FILES',
        DirectoryStructure: 'SINGLE_DIRECTORY',
      },
    };
    expect(() => assertValidJobSettings(job)).toThrow(InvalidJobSettingsError);
    expect(() => assertValidJobSettings(job)).toThrow(/HLS_GROUP_SETTINGS group does not take CMFC outputs \(fMP4\/CMAF outputs belong in a CMAF_GROUP_SETTINGS group\) \[group-container\]/);
    expect(new Set(rulesOf(job))).toEqual(new Set(['group-container']));
  });

  it('an MP4 output in a CMAF group, and a CMAF output carrying video and audio together', () => {
    const job = jobFor({ width: 1280, height: 720, frameRate: 30 }, true);
    const outputs = job.Settings?.OutputGroups?.[0]?.Outputs ?? [];
    const [video, , , audio] = outputs;
    if (!video || !audio) throw new Error('expected three rungs and audio');
    video.AudioDescriptions = audio.AudioDescriptions;
    outputs[1] = { ...outputs[1], ContainerSettings: { Container: 'MP4' } };
    expect(rulesOf(job).sort()).toEqual(['cmaf-one-stream', 'group-container']);
  });

  it('QVBR without MaxBitrate, CBR without Bitrate, and values out of range', () => {
    const job = jobFor({ width: 1280, height: 720, frameRate: 30 }, true, { priority: 51 });
    const [first, second] = job.Settings?.OutputGroups?.[0]?.Outputs ?? [];
    const h264 = first?.VideoDescription?.CodecSettings?.H264Settings;
    if (!h264 || !second?.VideoDescription?.CodecSettings?.H264Settings) throw new Error('expected H.264 outputs');
    delete h264.MaxBitrate;
    second.VideoDescription.CodecSettings.H264Settings = { ...second.VideoDescription.CodecSettings.H264Settings, RateControlMode: 'CBR', QvbrSettings: undefined };
    expect(rulesOf(job).sort()).toEqual(['bitrate-required', 'qvbr-max-bitrate', 'value-range']);
    expect(jobSettingsViolations(job).find((violation) => violation.rule === 'value-range')).toMatchObject({ path: 'Priority', message: '51 is outside -50..50 (whole numbers)' });
  });

  it('a fragment that is not a whole number of closed GOPs, open GOPs in segments, and an audio group no output has', () => {
    const job = jobFor({ width: 1280, height: 720, frameRate: 30 }, true);
    const group = job.Settings?.OutputGroups?.[0];
    const [first, second] = group?.Outputs ?? [];
    if (!group?.OutputGroupSettings?.CmafGroupSettings || !first?.VideoDescription?.CodecSettings?.H264Settings || !second?.ContainerSettings?.CmfcSettings) throw new Error('unexpected job');
    first.VideoDescription.CodecSettings.H264Settings.GopSize = 1.5;
    group.OutputGroupSettings.CmafGroupSettings.FragmentLength = 2;
    second.VideoDescription = { ...second.VideoDescription, CodecSettings: { Codec: 'H_264', H264Settings: { ...second.VideoDescription?.CodecSettings?.H264Settings, GopClosedCadence: 0 } } };
    second.ContainerSettings.CmfcSettings.AudioRenditionSets = 'commentary';
    expect(rulesOf(job).sort()).toEqual(['audio-rendition-set', 'closed-gop', 'fragment-gop']);
  });
});
