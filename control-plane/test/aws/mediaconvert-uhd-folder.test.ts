// A 4K source on MediaConvert: the job (checked against MediaConvert's documented rules before it is sent) encodes the
// 2160p rung in its one CMAF group with the others, into the job's staging prefix; collecting the finished job copies
// that rung's segments into the video's `-uhd` sibling folder (media/uhd-folder.ts) and the worker publishes its small
// files there too, so an HD-capped grant (`…/v/{video}/*`) cannot reach it. The real S3 SDK against s3rver; MediaConvert
// is played by a function that writes what a CMAF group writes (the layout of mediaconvert-worker-bytes.test.ts), with
// real fMP4 from ffmpeg.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withAwsTables } from '../../src/adapters/aws/aws-tables.js';
import { recordJobState } from '../../src/adapters/aws/mediaconvert/job-event-pump.js';
import { S3ObjectStore } from '../../src/adapters/aws/s3-object-store.js';
import { encodePackage } from '../../src/jobs/encode-package.js';
import { makeClip, tempDir } from '../ffmpeg/fixtures.js';
import { insertTenant } from '../support/billing-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startS3Emulator, type S3Emulator } from './support/s3-emulator.js';
import { s3MediaConvertTranscoder } from './support/s3-mediaconvert-transcoder.js';

const run = promisify(execFile);
const VIDEO = '6f708192-0314-4c5d-9e6f-708192031425';
const BUCKET = 'ott-uhd-tenant';

let s3: S3Emulator;
let database: TestDatabase;
let work: Awaited<ReturnType<typeof tempDir>>;
let tenantId: string;
let sourceKey: string;

beforeAll(async () => {
  [s3, database, work] = await Promise.all([startS3Emulator(), createTestDatabase(), tempDir('mediaconvert-uhd')]);
  await s3.createBucket(BUCKET);
  tenantId = (await insertTenant(database.db)).tenantId;
  sourceKey = `sources/${tenantId}/${VIDEO}/original.mp4`;
  const source = await makeClip(path.join(work.path, 'uhd.mp4'), { seconds: 2, width: 3840, height: 2160, audio: false });
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: sourceKey, Body: await readFile(source) }));
}, 60_000);
afterAll(async () => {
  await s3?.close();
  await database?.drop();
  await work?.remove();
});

/** What the CMAF group writes for the request's video outputs: `master_{rung}.m3u8`, its init and `.cmfv` segments, and the multivariant `master.m3u8`. */
async function writeCmafGroup(request: CreateJobCommandInput, staging: string): Promise<void> {
  const group = request.Settings?.OutputGroups?.find((candidate) => candidate.OutputGroupSettings?.Type === 'CMAF_GROUP_SETTINGS');
  const dir = path.join(work.path, 'cmaf');
  const variants: string[] = [];
  for (const output of group?.Outputs ?? []) {
    const { Width: width, Height: height } = output.VideoDescription ?? {};
    if (!width || !height) continue;
    const base = `master${output.NameModifier ?? ''}`;
    await run(
      'ffmpeg',
      ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=25:duration=2`, '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-f', 'hls', '-hls_time', '6']
        .concat(['-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4', '-start_number', '1', '-hls_fmp4_init_filename', `${base}_init.cmfv`])
        .concat(['-hls_segment_filename', path.join(dir, `${base}_%05d.cmfv`), path.join(dir, `${base}.m3u8`)]),
    );
    variants.push(`#EXT-X-STREAM-INF:BANDWIDTH=1000000,RESOLUTION=${width}x${height}`, `${base}.m3u8`);
  }
  await writeFile(path.join(dir, 'master.m3u8'), ['#EXTM3U', ...variants, ''].join('\n'));
  for (const name of await readdir(dir)) await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${staging}cmaf/${name}`, Body: await readFile(path.join(dir, name)) }));
  const still = path.join(work.path, 'still.jpg');
  await run('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90', '-frames:v', '1', still]);
  for (const [modifier, count] of Object.entries({ _poster: 2, _thumb: 7, _tile: 2 })) {
    for (let k = 0; k < count; k += 1)
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${staging}stills/frame${modifier}.${String(k).padStart(7, '0')}.jpg`, Body: await readFile(still) }));
  }
}

async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => (object.Key ?? '').slice(prefix.length)).sort();
}

it('encodes 2160p in the job and publishes it in the video’s -uhd sibling folder, the other rungs in the video’s own', async () => {
  await mkdir(path.join(work.path, 'cmaf'));
  const db = withAwsTables(database.db);
  const resolve = async () => ({ client: s3.client, bucket: BUCKET });
  const submitted: CreateJobCommandInput[] = [];
  const transcoder = s3MediaConvertTranscoder(database.db, s3.client, BUCKET, async (request) => {
    submitted.push(request);
    const destination = request.Settings?.OutputGroups?.[0]?.OutputGroupSettings?.CmafGroupSettings?.Destination ?? '';
    await writeCmafGroup(request, destination.replace(`s3://${BUCKET}/`, '').replace(/cmaf\/master$/, ''));
    await recordJobState(db, { jobId: 'job-uhd', status: 'COMPLETE', progress: 1, detail: {} as never });
    return { jobId: 'job-uhd' };
  });
  const store = new S3ObjectStore(resolve, path.join(work.path, 'cache'));
  const packagePrefix = `t/${tenantId}/v/${VIDEO}/`;
  const output = await encodePackage({ db: database.db, store, transcoder }, { tenantId, videoId: VIDEO, sourceKey, packagePrefix, signal: new AbortController().signal, onProgress: () => {} });

  // One CMAF group with every rung, 2160p included, into the staging prefix (the request passed the documented rules).
  const cmaf = submitted[0]?.Settings?.OutputGroups?.[0];
  expect(cmaf?.OutputGroupSettings?.CmafGroupSettings?.Destination).toMatch(new RegExp(`^s3://${BUCKET}/staging/.+/cmaf/master$`));
  expect(cmaf?.Outputs?.map((o) => [o.NameModifier, o.VideoDescription?.Width, o.VideoDescription?.Height])).toEqual([
    ['_2160p', 3840, 2160],
    ['_1080p', 1920, 1080],
    ['_720p', 1280, 720],
    ['_480p', 854, 480],
    ['_360p', 640, 360],
  ]);
  expect(output.renditions.map((rendition) => [rendition.name, rendition.playlistPath])[0]).toEqual(['2160p', '2160p/index.m3u8']);

  const uhd = await keysUnder(`t/${tenantId}/v/${VIDEO}-uhd/`);
  const main = await keysUnder(packagePrefix);
  expect(uhd.length).toBeGreaterThan(2);
  expect(uhd.every((key) => key.startsWith('2160p/'))).toBe(true);
  expect(uhd).toEqual(expect.arrayContaining(['2160p/index.m3u8', '2160p/init.mp4']));
  // Every segment the 4K playlist names was copied into the sibling.
  const playlist = await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `t/${tenantId}/v/${VIDEO}-uhd/2160p/index.m3u8` }))).Body?.transformToString();
  const segments = (playlist ?? '').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  expect(segments.length).toBeGreaterThan(0);
  expect(segments.every((segment) => uhd.includes(`2160p/${segment}`))).toBe(true);
  // The video's own folder: the HD rungs and stills, nothing of 2160p; its interim master lists no 4K.
  expect(main.some((key) => key.startsWith('2160p/'))).toBe(false);
  expect(main).toEqual(expect.arrayContaining(['1080p/index.m3u8', '360p/init.mp4', 'master.m3u8', 'poster.jpg']));
  const master = await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${packagePrefix}master.m3u8` }))).Body?.transformToString();
  expect(master).toContain('1080p/index.m3u8');
  expect(master).not.toContain('2160p');
  expect(await keysUnder('staging/')).toEqual([]);
}, 180_000);
