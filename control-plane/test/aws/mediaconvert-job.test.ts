// MediaConvert has no emulator: these tests check the CreateJob request we build from the ladder and how
// real event shapes (from AWS's documentation of the "MediaConvert Job State Change" event) are handled.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planLadder } from '../../src/media/plan-ladder.js';
import { withAwsTables, type AwsDb } from '../../src/adapters/aws/aws-tables.js';
import { buildCreateJobRequest } from '../../src/adapters/aws/mediaconvert/create-job-request.js';
import { frameRateFraction } from '../../src/adapters/aws/mediaconvert/video-description.js';
import { JobEventPump } from '../../src/adapters/aws/mediaconvert/job-event-pump.js';
import { blamesTheSource, parseJobEvent } from '../../src/adapters/aws/mediaconvert/job-events.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { SILENT, STEREO_ENGLISH } from './support/source-tracks-fixtures.js';

const plan = planLadder({ width: 1920, height: 1080, frameRate: 29.97 });
const request = buildCreateJobRequest({
  sourceUri: 's3://ott-prod-tenant/sources/tenant/film.mp4',
  stagingUri: 's3://ott-prod-tenant/staging/abc-1/',
  plan,
  tracks: STEREO_ENGLISH,
  durationSeconds: 70,
  source: { width: 1920, height: 1080, frameRate: 29.97 },
  roleArn: 'arn:aws:iam::111111111111:role/ott-prod-mc-tenant',
  queueArn: 'arn:aws:mediaconvert:eu-west-1:111111111111:queues/ott-prod-eu-1',
  tenantId: 'tenant',
  deployment: 'ott-prod',
  requestToken: 'abc-1',
  priority: -3,
  metadata: { 'ott-source': 'sources/tenant/film.mp4' },
});
const [cmaf, stills] = request.Settings?.OutputGroups ?? [];

describe('CreateJob request', () => {
  it("submits under the tenant's role to the cell's shared queue, tagged with the tenant, idempotently", () => {
    expect(request).toMatchObject({
      Role: 'arn:aws:iam::111111111111:role/ott-prod-mc-tenant',
      Queue: 'arn:aws:mediaconvert:eu-west-1:111111111111:queues/ott-prod-eu-1',
      ClientRequestToken: 'abc-1',
      Priority: -3,
      BillingTagsSource: 'JOB',
      Tags: { 'ott:tenant': 'tenant' },
    });
    // The events rule matches on this key: without it the worker would never hear of the job.
    expect(request.UserMetadata).toMatchObject({ 'ott-deployment': 'ott-prod', 'ott-tenant': 'tenant' });
    expect(request.Settings?.Inputs?.[0]?.FileInput).toBe('s3://ott-prod-tenant/sources/tenant/film.mp4');
  });

  it('is one CMAF group (the only group MediaConvert accepts fMP4 outputs in) with 6 s segments and an HLS manifest, into the staging prefix', () => {
    expect(cmaf?.OutputGroupSettings?.Type).toBe('CMAF_GROUP_SETTINGS');
    expect(cmaf?.OutputGroupSettings?.CmafGroupSettings).toMatchObject({
      SegmentLength: 6,
      FragmentLength: 2,
      SegmentControl: 'SEGMENTED_FILES',
      WriteHlsManifest: 'ENABLED',
      Destination: 's3://ott-prod-tenant/staging/abc-1/cmaf/master',
    });
    expect(cmaf?.Outputs?.every((output) => output.ContainerSettings?.Container === 'CMFC')).toBe(true);
  });

  it('encodes our ladder (1080p to 360p for a 1080p source) with QVBR capped at the planned peak, 2 s GOPs, NTSC rate kept exact', () => {
    const video = (cmaf?.Outputs ?? []).filter((output) => output.VideoDescription);
    expect(video.map((output) => [output.NameModifier, output.VideoDescription?.Width, output.VideoDescription?.Height])).toEqual([
      ['_1080p', 1920, 1080],
      ['_720p', 1280, 720],
      ['_480p', 854, 480],
      ['_360p', 640, 360],
    ]);
    video.forEach((output, index) => {
      const h264 = output.VideoDescription?.CodecSettings?.H264Settings;
      expect(h264).toMatchObject({ RateControlMode: 'QVBR', MaxBitrate: plan.renditions[index]?.maxRate, GopSize: 2, GopSizeUnits: 'SECONDS', FramerateNumerator: 30000, FramerateDenominator: 1001 });
    });
  });

  it('carries AAC in its own audio rendition that the video variants reference', () => {
    const audio = cmaf?.Outputs?.find((output) => output.AudioDescriptions);
    expect(audio?.AudioDescriptions?.[0]?.CodecSettings).toMatchObject({ Codec: 'AAC', AacSettings: { Bitrate: 128000, CodecProfile: 'LC' } });
    expect(audio?.ContainerSettings?.CmfcSettings?.AudioGroupId).toBe('audio');
    expect(cmaf?.Outputs?.filter((output) => output.VideoDescription).every((output) => output.ContainerSettings?.CmfcSettings?.AudioRenditionSets === 'audio')).toBe(true);
  });

  it('captures a poster at 10 % and six thumbnails spread over the film', () => {
    expect(stills?.OutputGroupSettings?.Type).toBe('FILE_GROUP_SETTINGS');
    const [poster, thumbs] = stills?.Outputs ?? [];
    expect(poster?.VideoDescription?.CodecSettings?.FrameCaptureSettings).toEqual({ FramerateNumerator: 1000, FramerateDenominator: 7000, MaxCaptures: 2, Quality: 80 });
    expect(thumbs?.VideoDescription?.CodecSettings?.FrameCaptureSettings).toEqual({ FramerateNumerator: 1000, FramerateDenominator: 10000, MaxCaptures: 7, Quality: 80 });
    expect(thumbs?.VideoDescription?.Width).toBe(320);
  });

  it('never upscales: a 640x360 source gets a single rung', () => {
    const small = buildCreateJobRequest({
      sourceUri: 's3://b/k',
      stagingUri: 's3://b/staging/x/',
      plan: planLadder({ width: 640, height: 360, frameRate: 25 }),
      tracks: SILENT,
      durationSeconds: 5,
      source: { width: 640, height: 360, frameRate: 25 },
      roleArn: 'r',
      queueArn: 'q',
      tenantId: 't',
      deployment: 'd',
      requestToken: 'x',
      priority: 0,
      metadata: {},
    });
    const outputs = small.Settings?.OutputGroups?.[0]?.Outputs ?? [];
    expect(outputs.map((output) => output.NameModifier)).toEqual(['_360p']);
    expect(frameRateFraction(25)).toEqual({ numerator: 25, denominator: 1 });
  });
});

// Shapes as AWS documents them (values changed, structure kept).
const envelope = (detail: Record<string, unknown>) =>
  JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': 'MediaConvert Job State Change',
    source: 'aws.mediaconvert',
    account: '111122223333',
    time: '2026-01-07T23:35:20Z',
    region: 'us-west-2',
    resources: [],
    detail: { timestamp: 1, accountId: '111122223333', queue: 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Default', userMetadata: { 'ott-deployment': 'ott-prod' }, ...detail },
  });
const progressing = (jobId: string) => envelope({ jobId, status: 'PROGRESSING' });
const statusUpdate = (jobId: string, percent: number) =>
  envelope({
    jobId,
    status: 'STATUS_UPDATE',
    framesDecoded: 353,
    jobProgress: {
      phaseProgress: { PROBING: { status: 'COMPLETE', percentComplete: 100 }, TRANSCODING: { status: 'PROGRESSING', percentComplete: percent } },
      jobPercentComplete: percent,
      currentPhase: 'TRANSCODING',
    },
  });
const complete = (jobId: string) =>
  envelope({
    jobId,
    status: 'COMPLETE',
    outputGroupDetails: [
      // A CMAF group's details (UG "CMAF group" sample event): top-level manifests only, no per-output file paths.
      {
        type: 'CMAF_GROUP',
        playlistFilePaths: ['s3://bucket/staging/x/cmaf/master.m3u8'],
        outputDetails: [{ durationInMs: 70000, videoDetails: { widthInPx: 1280, heightInPx: 720, averageQVBRScore: 7.4 } }],
      },
    ],
    warnings: [{ code: 230005, count: 1 }],
  });
const error = (jobId: string, errorCode: number) =>
  envelope({ jobId, status: 'ERROR', errorCode, errorMessage: 'Unable to open input file [s3://bucket/sources/t/x.mp4]: [Failed probe/open: [No parser found for container]]' });

describe('job state change events', () => {
  it('reads PROGRESSING, STATUS_UPDATE (percent), COMPLETE (outputs) and ERROR (code and message)', () => {
    expect(parseJobEvent(progressing('j1'))).toEqual({ jobId: 'j1', status: 'PROGRESSING', progress: 0 });
    expect(parseJobEvent(statusUpdate('j1', 40))).toEqual({ jobId: 'j1', status: 'PROGRESSING', progress: 0.4 });
    const done = parseJobEvent(complete('j1'));
    expect(done?.status).toBe('COMPLETE');
    expect(done?.status === 'COMPLETE' && done.detail.outputGroupDetails?.[0]?.playlistFilePaths).toEqual(['s3://bucket/staging/x/cmaf/master.m3u8']);
    expect(parseJobEvent(error('j1', 1010))).toMatchObject({ status: 'ERROR', errorCode: 1010, errorMessage: expect.stringContaining('No parser found') });
  });

  it('ignores what is not a MediaConvert job event', () => {
    expect(parseJobEvent('not json')).toBeUndefined();
    expect(parseJobEvent(JSON.stringify({ source: 'aws.s3', 'detail-type': 'Object Created', detail: {} }))).toBeUndefined();
    expect(parseJobEvent(envelope({ jobId: 'j', status: 'INPUT_INFORMATION' }))).toBeUndefined();
  });

  it('blames the source only for input errors', () => {
    expect(blamesTheSource(1010)).toBe(true);
    expect(blamesTheSource(1040)).toBe(true);
    expect(blamesTheSource(3450)).toBe(false);
    expect(blamesTheSource(null)).toBe(false);
  });
});

describe('event pump (SQS → mediaconvert_jobs)', () => {
  let database: TestDatabase;
  let db: AwsDb;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = withAwsTables(database.db);
  });
  afterAll(async () => database?.drop());

  function queueOf(bodies: string[]) {
    const removed: string[] = [];
    return {
      removed,
      queue: {
        // SQS long-polls; a fake that answered instantly would starve the event loop.
        receive: async () => (await new Promise((resolve) => setTimeout(resolve, 10)), bodies.splice(0).map((body, index) => ({ body, receipt: `r${index}` }))),
        remove: async (receipt: string) => void removed.push(receipt),
      },
    };
  }

  it('records progress and completion, deletes every message, and never lets a late event undo a finished job', async () => {
    const { queue, removed } = queueOf([]);
    const pump = new JobEventPump(db, queue);
    const messages = [progressing('job-a'), statusUpdate('job-a', 50), complete('job-a'), statusUpdate('job-a', 60), 'garbage'];
    for (const [index, body] of messages.entries()) await pump.handle({ body, receipt: `m${index}` });
    const row = await db.selectFrom('mediaconvert_jobs').selectAll().where('job_id', '=', 'job-a').executeTakeFirstOrThrow();
    expect(row.status).toBe('COMPLETE');
    expect(row.progress).toBe(1);
    expect((row.detail as { outputGroupDetails: unknown[] }).outputGroupDetails).toHaveLength(1);
    expect(removed).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('polls the queue in the background until stopped', async () => {
    const { queue, removed } = queueOf([error('job-b', 3450)]);
    const pump = new JobEventPump(db, queue);
    pump.ensureStarted();
    for (let i = 0; i < 50 && removed.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await pump.stop();
    const row = await db.selectFrom('mediaconvert_jobs').select(['status', 'detail']).where('job_id', '=', 'job-b').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'ERROR', detail: { errorCode: 3450, errorMessage: expect.any(String) } });
  });
});
