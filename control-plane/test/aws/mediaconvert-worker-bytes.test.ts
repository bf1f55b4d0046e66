// How much of a film passes through the worker when MediaConvert transcodes it. The worker's S3 client talks to s3rver
// through a proxy that counts every body byte in both directions; the fake MediaConvert writes its outputs to s3rver
// directly, as MediaConvert writes S3 itself. The worker probes the original, collects the job's outputs into the
// video's package and publishes the package's small files (what transcode-video.ts does after the transcode).
// Before: the worker downloaded the whole original, downloaded every staged segment and uploaded them again: more than
// three times the film's size for a ladder. Now: a few MiB (probe head and tail, playlists, init segments, stills).
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAwsTables } from '../../src/adapters/aws/aws-tables.js';
import { recordJobState } from '../../src/adapters/aws/mediaconvert/job-event-pump.js';
import { MediaConvertTranscoder } from '../../src/adapters/aws/mediaconvert/mediaconvert-transcoder.js';
import { createS3Client } from '../../src/adapters/aws/s3-client.js';
import { S3ObjectStore } from '../../src/adapters/aws/s3-object-store.js';
import { tempDir } from '../ffmpeg/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { EMULATOR_CREDENTIALS, startS3Emulator, type S3Emulator } from './support/s3-emulator.js';
import { s3MediaConvertTranscoder } from './support/s3-mediaconvert-transcoder.js';

const run = promisify(execFile);
const TENANT = '4d5e6f70-8192-4a3b-9c4d-5e6f70819203';
const VIDEO = '5e6f7081-9203-4b4c-8d5e-6f7081920314';
const BUCKET = 'ott-bytes-tenant';
const SOURCE_KEY = `sources/${TENANT}/${VIDEO}/original.mov`;
const PACKAGE = `t/${TENANT}/v/${VIDEO}/`;
const SECONDS = 6;

let s3: S3Emulator;
let database: TestDatabase;
let work: Awaited<ReturnType<typeof tempDir>>;
let counter: { endpoint: string; bytes: number; close(): Promise<void> };
let filmBytes: number;
/** The outputs a CMAF job writes for a 1280x720 source (720p, 480p, 360p; no audio), by staging path. */
const jobOutputs = new Map<string, string>();

/** A proxy that counts request and response body bytes on their way to and from s3rver. */
async function countingProxy(target: string): Promise<typeof counter> {
  const upstream = new URL(target);
  const state = { bytes: 0 };
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (state.bytes += chunk.length));
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: request.headers }, (answer) => {
      answer.on('data', (chunk: Buffer) => (state.bytes += chunk.length));
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get bytes() {
      return state.bytes;
    },
    set bytes(value) {
      state.bytes = value;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The S3 client's keep-alive sockets would hold the close open until they time out.
        server.closeAllConnections();
      }),
  };
}

/** One rung as the CMAF group writes it: `master_{name}.m3u8`, its init and numbered `.cmfv` segments. */
async function encodeRung(clip: string, dir: string, name: string, width: number, height: number): Promise<void> {
  const base = `master_${name}`;
  await run(
    'ffmpeg',
    ['-y', '-loglevel', 'error', '-i', clip, '-vf', `scale=${width}:${height}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-an', '-f', 'hls', '-hls_time', '6']
      .concat(['-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4', '-start_number', '1', '-hls_fmp4_init_filename', `${base}_init.cmfv`])
      .concat(['-hls_segment_filename', path.join(dir, `${base}_%05d.cmfv`), path.join(dir, `${base}.m3u8`)]),
  );
}

beforeAll(async () => {
  [s3, database, work] = await Promise.all([startS3Emulator(), createTestDatabase(), tempDir('mediaconvert-bytes')]);
  await s3.createBucket(BUCKET);
  counter = await countingProxy(s3.endpoint);
  // A camera-like original: uncompressed 720p in a MOV whose index (moov) follows the media, 276 MB for 6 s.
  const film = path.join(work.path, 'film.mov');
  await run('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=25:duration=${SECONDS}`, '-c:v', 'rawvideo', '-pix_fmt', 'uyvy422', film]);
  filmBytes = (await stat(film)).size;
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: SOURCE_KEY, Body: createReadStream(film), ContentLength: filmBytes }));

  const cmaf = path.join(work.path, 'cmaf');
  await mkdir(cmaf);
  const clip = path.join(work.path, 'clip.mp4');
  await run('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=25:duration=${SECONDS}`, '-c:v', 'libx264', '-preset', 'ultrafast', clip]);
  const rungs = [
    ['720p', 1280, 720],
    ['480p', 854, 480],
    ['360p', 640, 360],
  ] as const;
  await Promise.all(rungs.map(([name, width, height]) => encodeRung(clip, cmaf, name, width, height)));
  for (const name of await readdir(cmaf)) jobOutputs.set(`cmaf/${name}`, path.join(cmaf, name));
  jobOutputs.set('cmaf/master.m3u8', path.join(work.path, 'master.m3u8'));
  await writeFile(
    path.join(work.path, 'master.m3u8'),
    ['#EXTM3U', ...rungs.flatMap(([name, width, height]) => [`#EXT-X-STREAM-INF:BANDWIDTH=1000000,RESOLUTION=${width}x${height}`, `master_${name}.m3u8`]), ''].join('\n'),
  );
  const still = path.join(work.path, 'still.jpg');
  await run('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90', '-frames:v', '1', still]);
  const captures = { _poster: 2, _thumb: 7, _tile: 4 };
  for (const [modifier, count] of Object.entries(captures)) {
    for (let k = 0; k < count; k += 1) jobOutputs.set(`stills/frame${modifier}.${String(k).padStart(7, '0')}.jpg`, still);
  }
});
afterAll(async () => {
  await counter?.close();
  await s3?.close();
  await database?.drop();
  await work?.remove();
});

describe('a MediaConvert transcode', () => {
  it('moves less than 5 % of the film through the worker, and leaves the whole package in the store', async () => {
    const db = withAwsTables(database.db);
    const client = createS3Client({ region: 'us-east-1', endpoint: counter.endpoint, credentials: EMULATOR_CREDENTIALS });
    const resolve = async () => ({ client, bucket: BUCKET });
    // MediaConvert writes the job's outputs into the staging prefix itself (not through the worker), then reports COMPLETE.
    const transcoder = transcoderFor(client, async (request) => {
      const destination = request.Settings?.OutputGroups?.[0]?.OutputGroupSettings?.CmafGroupSettings?.Destination ?? '';
      const staging = destination.replace(`s3://${BUCKET}/`, '').replace(/cmaf\/master$/, '');
      for (const [relative, file] of jobOutputs) await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${staging}${relative}`, Body: await readFile(file) }));
      await recordJobState(db, { jobId: 'job-1', status: 'COMPLETE', progress: 1, detail: {} as never });
      return { jobId: 'job-1' };
    });
    const scratch = path.join(work.path, 'scratch');
    await mkdir(path.join(scratch, 'out'), { recursive: true });
    counter.bytes = 0;

    const output = await transcoder.transcode({
      sourcePath: path.join(scratch, 'source'),
      sourceKey: SOURCE_KEY,
      packagePrefix: PACKAGE,
      outputDir: path.join(scratch, 'out'),
      limits: { maxDurationSeconds: 3600 },
    });
    await new S3ObjectStore(resolve, path.join(work.path, 'cache')).putDirectory(PACKAGE, path.join(scratch, 'out'));

    expect(output.renditions.map((rendition) => rendition.name)).toEqual(['720p', '480p', '360p']);
    expect(counter.bytes).toBeLessThan(filmBytes * 0.05);
    // The probe copy is sparse: the scratch folder holds a few MiB, not the film.
    expect((await stat(path.join(scratch, 'source'))).blocks * 512).toBeLessThan(filmBytes * 0.05);

    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PACKAGE }));
    const keys = (listed.Contents ?? []).map((object) => (object.Key ?? '').slice(PACKAGE.length));
    for (const rendition of ['720p', '480p', '360p']) {
      const playlist = await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PACKAGE}${rendition}/index.m3u8` }))).Body?.transformToString();
      const segments = (playlist ?? '').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
      expect(segments.length).toBeGreaterThan(0);
      expect(segments.every((segment) => keys.includes(`${rendition}/${segment}`))).toBe(true);
      expect(keys).toContain(`${rendition}/init.mp4`);
    }
    const segment = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PACKAGE}720p/master_720p_00001.m4s` }));
    expect(segment.ContentType).toBe('video/iso.segment');
    expect(keys).toEqual(expect.arrayContaining(['master.m3u8', 'poster.jpg', 'storyboard.jpg', 'storyboard.vtt', 'thumbnails/thumb_01.jpg']));
    // The job's staging prefix is gone once collected.
    const staged = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'staging/' }));
    expect(staged.KeyCount ?? 0).toBe(0);
    console.info(`worker moved ${counter.bytes} bytes for a ${filmBytes}-byte film (${((100 * counter.bytes) / filmBytes).toFixed(2)} %)`);
  }, 120_000);

  it('makes the downloads of a ready video with a job of only MP4 outputs, handed back as files in the output folder', async () => {
    const db = withAwsTables(database.db);
    const client = createS3Client({ region: 'us-east-1', endpoint: counter.endpoint, credentials: EMULATOR_CREDENTIALS });
    const submitted: CreateJobCommandInput[] = [];
    const transcoder = transcoderFor(client, async (request) => {
      submitted.push(request);
      const destination = request.Settings?.OutputGroups?.[0]?.OutputGroupSettings?.FileGroupSettings?.Destination ?? '';
      const prefix = destination.replace(`s3://${BUCKET}/`, '');
      for (const output of request.Settings?.OutputGroups?.[0]?.Outputs ?? []) {
        await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}${output.NameModifier ?? ''}.mp4`, Body: Buffer.alloc(1000 + (output.VideoDescription?.Height ?? 0)) }));
      }
      await recordJobState(db, { jobId: 'job-downloads', status: 'COMPLETE', progress: 1, detail: {} as never });
      return { jobId: 'job-downloads' };
    });
    const outputDir = path.join(work.path, 'downloads-out');
    await mkdir(outputDir);
    const downloads = await transcoder.makeDownloads({ tenantId: TENANT, videoId: VIDEO, sourceKey: SOURCE_KEY, packagePrefix: PACKAGE, outputDir, clip: { startSeconds: 1, endSeconds: 5 } });

    expect(submitted.map((request) => request.Settings?.OutputGroups?.map((group) => group.Name))).toEqual([['Downloads']]);
    expect(submitted[0]?.Settings?.Inputs?.[0]?.InputClippings).toEqual([{ StartTimecode: '00:00:01:00', EndTimecode: '00:00:04:24' }]);
    expect(downloads).toEqual([
      { name: '720p', width: 1280, height: 720, bytes: 1720, path: 'downloads/720p.mp4' },
      { name: '360p', width: 640, height: 360, bytes: 1360, path: 'downloads/360p.mp4' },
    ]);
    // The make-downloads job stores them (with their Content-Disposition) from the output folder.
    expect((await stat(path.join(outputDir, 'downloads', '720p.mp4'))).size).toBe(1720);
    expect((await stat(path.join(outputDir, 'downloads', '360p.mp4'))).size).toBe(1360);
    const staged = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'staging/' }));
    expect(staged.KeyCount ?? 0).toBe(0);
  }, 120_000);
});

/** The transcoder against s3rver, with MediaConvert's CreateJob played by `createJob`. */
function transcoderFor(client: S3Client, createJob: (request: CreateJobCommandInput) => Promise<{ jobId: string }>): MediaConvertTranscoder {
  return s3MediaConvertTranscoder(database.db, client, BUCKET, createJob);
}
