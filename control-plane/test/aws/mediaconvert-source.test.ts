// What MediaConvert is asked to read. MediaConvert has no emulator: these tests run the real MediaConvertTranscoder
// (its probe of the original's ranged copy included) up to the CreateJob request it sends, and check that the job reads only the tenant's own
// original in the tenant's own bucket, and that uploads MediaConvert would follow elsewhere (playlists, manifests)
// are refused before a job exists.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAwsTables } from '../../src/adapters/aws/aws-tables.js';
import { MediaConvertTranscoder } from '../../src/adapters/aws/mediaconvert/mediaconvert-transcoder.js';
import { jobSettingsViolations } from '../../src/adapters/aws/mediaconvert/validate-job-settings.js';
import { UnplayableMediaError } from '../../src/domain/videos/unplayable-media-error.js';
import { makeClip, tempDir } from '../ffmpeg/fixtures.js';
import { rangedFile } from './support/ranged-file.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const TENANT = '0a7d3c1e-5b2f-4c8a-9e6d-1f2a3b4c5d6e';
const OTHER_TENANT = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const bucketOf = (tenantId: string) => `ott-test-${tenantId}`;

/** Thrown by the fake once it has the request: nothing after CreateJob matters here. */
class Submitted extends Error {}

let database: TestDatabase;
let work: Awaited<ReturnType<typeof tempDir>>;
let clip: string;
const submitted: { tenantId: string; request: CreateJobCommandInput }[] = [];
/** The stored originals by key: the transcoder reads them by byte ranges, as from S3. */
const stored = new Map<string, string>();

const transcoder = () =>
  new MediaConvertTranscoder({
    db: withAwsTables(database.db),
    jobs: {
      createJob: async (tenantId, request) => {
        submitted.push({ tenantId, request });
        throw new Submitted();
      },
      cancelJob: async () => {},
      getJob: async () => undefined,
    },
    bucket: async (tenantId) => bucketOf(tenantId),
    target: async (tenantId) => ({ roleArn: `arn:aws:iam::111111111111:role/ott-test-mc-${tenantId}`, queueArn: 'arn:aws:mediaconvert:eu-west-1:111111111111:queues/ott-test-eu-1' }),
    staging: {
      source: async (_tenantId, key) => rangedFile(stored.get(key) ?? ''),
      staged: () => {
        throw new Error('the fake never completes a job');
      },
    },
    pump: { ensureStarted: () => {} },
    deployment: 'ott-test',
    ffprobePath: 'ffprobe',
    ffmpegPath: 'ffmpeg',
  });

beforeAll(async () => {
  [database, work] = await Promise.all([createTestDatabase(), tempDir('mediaconvert-source')]);
  clip = await makeClip(join(work.path, 'clip.mp4'), { width: 320, height: 240, seconds: 1 });
});
afterAll(async () => {
  await database?.drop();
  await work?.remove();
});

/** An original with these bytes, stored under the key; returns the worker's empty scratch `source` path for the job. */
async function scratchWith(content: string | Buffer | { copyOf: string }): Promise<(key: string | undefined) => string> {
  const folder = join(work.path, `scratch-${submitted.length}-${Math.random().toString(36).slice(2)}`);
  await mkdir(folder);
  const original = join(work.path, `original-${Math.random().toString(36).slice(2)}`);
  if (typeof content === 'object' && 'copyOf' in content) await copyFile(content.copyOf, original);
  else await writeFile(original, content);
  return (key) => {
    if (key !== undefined) stored.set(key, original);
    return join(folder, 'source');
  };
}

async function transcode(sourceKey: string | undefined, store: (key: string | undefined) => string) {
  const before = submitted.length;
  const sourcePath = store(sourceKey);
  const error = await transcoder()
    .transcode({ sourcePath, ...(sourceKey === undefined ? {} : { sourceKey }), packagePrefix: 't/x/v/y/', outputDir: join(work.path, 'out'), limits: { maxDurationSeconds: 3600 } })
    .then(
      () => new Error('the transcode finished, but the fake never completes a job'),
      (e: unknown) => e,
    );
  return { error, request: submitted.slice(before)[0] };
}

describe('the MediaConvert job input', () => {
  it("reads the tenant's original from the tenant's bucket, and nothing else", async () => {
    const key = `sources/${TENANT}/3c9e5a1b-7d2f-4e8a-b6c4-0d1e2f3a4b5c/original.mp4`;
    const { error, request } = await transcode(key, await scratchWith({ copyOf: clip }));
    expect(error).toBeInstanceOf(Submitted);
    expect(request?.tenantId).toBe(TENANT);
    const inputs = request?.request.Settings?.Inputs ?? [];
    expect(inputs.map((input) => input.FileInput)).toEqual([`s3://${bucketOf(TENANT)}/${key}`]);
    // No other field that names a file to read (SupplementalImps, DolbyVisionMetadataXml, image inserts, …).
    expect(Object.keys(inputs[0] ?? {}).sort()).toEqual(['AudioSelectors', 'FileInput', 'TimecodeSource', 'VideoSelector']);
    expect(request?.request.Role).toBe(`arn:aws:iam::111111111111:role/ott-test-mc-${TENANT}`);
    const locations = JSON.stringify(request?.request).match(/(s3|https?):\/\/[^"]*/g) ?? [];
    expect(locations.filter((location) => !location.startsWith(`s3://${bucketOf(TENANT)}/`))).toEqual([]);
  });

  it('refuses an HLS playlist before a job exists, with the local refusal', async () => {
    const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\ns3://${bucketOf(OTHER_TENANT)}/t/${OTHER_TENANT}/v/film/360p/seg_00000.ts\n#EXTINF:2.0,\n${clip}\n#EXT-X-ENDLIST\n`;
    const { error, request } = await transcode(`sources/${TENANT}/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9/original.m3u8`, await scratchWith(playlist));
    expect(request).toBeUndefined();
    expect(error).toBeInstanceOf(UnplayableMediaError);
    expect((error as UnplayableMediaError).reason).toBe('This file is a playlist that points at other files; upload the video itself.');
  });

  it('refuses a real video stored under a manifest extension, which MediaConvert would read as a manifest', async () => {
    for (const extension of ['m3u8', 'mpd', 'xml']) {
      const { error, request } = await transcode(`sources/${TENANT}/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d/original.${extension}`, await scratchWith({ copyOf: clip }));
      expect(request).toBeUndefined();
      expect(error).toBeInstanceOf(UnplayableMediaError);
      expect((error as UnplayableMediaError).reason).toMatch(new RegExp(`ends in \\.${extension}, which marks a playlist or manifest.*Rename it`));
    }
  });

  it('submits nothing for a key that is not an original: delivered media, another prefix, a climbing path, none', async () => {
    const keys = [`t/${OTHER_TENANT}/v/film/360p/seg_00000.m4s`, `staging/${TENANT}/x/original.mp4`, `sources/${TENANT}/../${OTHER_TENANT}/v/original.mp4`, undefined];
    for (const key of keys) {
      const { error, request } = await transcode(key, await scratchWith({ copyOf: clip }));
      expect(request).toBeUndefined();
      expect(String(error)).toMatch(/MediaConvert transcodes only originals/);
    }
  });
});

describe('the submitted job', () => {
  it("is one MediaConvert's documented rules accept, and ranks behind other tenants' work by the jobs its tenant already has in flight", async () => {
    const db = withAwsTables(database.db);
    await db
      .insertInto('mediaconvert_jobs')
      .values([
        { job_id: 'busy-1', tenant_id: TENANT, request_token: 'busy-1', status: 'SUBMITTED' },
        { job_id: 'busy-2', tenant_id: TENANT, request_token: 'busy-2', status: 'PROGRESSING' },
        { job_id: 'done-1', tenant_id: TENANT, request_token: 'done-1', status: 'COMPLETE' },
      ])
      .execute();
    const busy = await transcode(`sources/${TENANT}/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e/original.mp4`, await scratchWith({ copyOf: clip }));
    const idle = await transcode(`sources/${OTHER_TENANT}/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f/original.mp4`, await scratchWith({ copyOf: clip }));
    // Neither tenant has a plan row here: both rank as free (base 0), less one per job in flight.
    expect([busy.request?.request.Priority, idle.request?.request.Priority]).toEqual([-2, 0]);
    const job = busy.request?.request;
    if (!job) throw new Error('no job was submitted');
    expect(jobSettingsViolations(job)).toEqual([]);
  });
});
