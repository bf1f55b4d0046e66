// A dub in the aws shape: the encode-dub job's steps on S3 (the tenant's bucket on s3rver) with the MediaConvert
// transcoder. The dub is audio only, so the worker's ffmpeg encodes it (no MediaConvert job is created) to the numbers
// MediaConvert's own audio renditions use: AAC-LC stereo 48 kHz at the same loudness target; the rendition lands in the
// video's package in S3. A dub that does not match the video's length is refused with both durations.
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAwsTables } from '../../src/adapters/aws/aws-tables.js';
import { MediaConvertTranscoder } from '../../src/adapters/aws/mediaconvert/mediaconvert-transcoder.js';
import { S3ObjectStore } from '../../src/adapters/aws/s3-object-store.js';
import { UnplayableMediaError } from '../../src/domain/videos/unplayable-media-error.js';
import { LOUDNESS_TARGET } from '../../src/media/plan-ladder.js';
import { placeSource } from '../../src/jobs/scratch-folder.js';
import { ffmpeg, probeStreams, tempDir } from '../ffmpeg/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startS3Emulator, type S3Emulator } from './support/s3-emulator.js';

const run = promisify(execFile);
const TENANT = '6f708192-0314-4c5d-9e6f-708192031425';
const VIDEO = '70819203-1425-4d6e-8f70-819203142536';
const BUCKET = 'ott-dubs-tenant';
const PACKAGE = `t/${TENANT}/v/${VIDEO}/`;

let s3: S3Emulator;
let database: TestDatabase;
let work: Awaited<ReturnType<typeof tempDir>>;
let store: S3ObjectStore;
const jobsCreated: CreateJobCommandInput[] = [];

function transcoder(): MediaConvertTranscoder {
  return new MediaConvertTranscoder({
    db: withAwsTables(database.db),
    jobs: {
      createJob: async (_tenantId, request) => {
        jobsCreated.push(request);
        return { jobId: 'unexpected' };
      },
      cancelJob: async () => {},
      getJob: async () => undefined,
    },
    bucket: async () => BUCKET,
    target: async () => ({ roleArn: 'arn:aws:iam::111111111111:role/ott-test-mc-tenant', queueArn: 'arn:aws:mediaconvert:eu-west-1:111111111111:queues/ott-test-eu-1' }),
    staging: {
      source: () => Promise.reject(new Error('a dub reads no original')),
      staged: () => {
        throw new Error('a dub stages nothing');
      },
    },
    pump: { ensureStarted: () => {} },
    deployment: 'ott-test',
    ffprobePath: 'ffprobe',
    ffmpegPath: 'ffmpeg',
  });
}

/** A French dub as a studio delivers it: a WAV of `seconds`, mono at 44.1 kHz, far quieter than the target. */
async function storedDub(name: string, seconds: number): Promise<string> {
  const file = path.join(work.path, name);
  await ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=44100:duration=${seconds}`, '-af', 'volume=-30dB', '-ac', '1', file]);
  const key = `sources/${TENANT}/${VIDEO}/dub-${name}`;
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: await readFile(file) }));
  return key;
}

/** What the encode-dub job does with the store and the transcoder (jobs/handlers/encode-dub.ts). */
async function encodeDub(key: string, folder: string) {
  const scratch = path.join(work.path, `scratch-${folder}`);
  await mkdir(path.join(scratch, 'out'), { recursive: true });
  await placeSource(await store.localFile(key), path.join(scratch, 'source'));
  const rendition = await transcoder().encodeAudioRendition({
    sourcePath: path.join(scratch, 'source'),
    outputDir: path.join(scratch, 'out'),
    folder,
    maxDurationSeconds: 8,
    track: { language: 'fr', name: 'Français', isDefault: false },
  });
  await store.putDirectory(`${PACKAGE}${folder}/`, path.join(scratch, 'out', folder));
  return { rendition, local: path.join(scratch, 'out', folder) };
}

beforeAll(async () => {
  [s3, database, work] = await Promise.all([startS3Emulator(), createTestDatabase(), tempDir('mediaconvert-dubs')]);
  await s3.createBucket(BUCKET);
  store = new S3ObjectStore(async () => ({ client: s3.client, bucket: BUCKET }), path.join(work.path, 'cache'));
}, 60_000);

afterAll(async () => {
  await s3?.close();
  await database?.drop();
  await work?.remove();
});

describe('a dub in the aws shape', () => {
  it('becomes an audio rendition like MediaConvert’s, in the video’s package in S3, without a MediaConvert job', async () => {
    const { rendition, local } = await encodeDub(await storedDub('fr.wav', 8), 'dub_fr');
    expect(rendition).toMatchObject({ language: 'fr', name: 'Français', isDefault: false, channels: 2, codecs: 'mp4a.40.2', playlistPath: 'dub_fr/index.m3u8' });
    expect(jobsCreated).toEqual([]);
    const [stream] = await probeStreams(path.join(local, 'index.m3u8'));
    expect(stream).toMatchObject({ codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' });
    // Normalised like every rendition of the platform (a −30 dB tone comes up to the target).
    const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', path.join(local, 'index.m3u8'), '-af', 'ebur128', '-f', 'null', '-']);
    const integrated = Number(/I:\s+(-?[\d.]+) LUFS/.exec(stderr.slice(stderr.lastIndexOf('Summary:')))?.[1]);
    expect(Math.abs(integrated - LOUDNESS_TARGET.integratedLufs)).toBeLessThan(1.5);

    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PACKAGE}dub_fr/` }));
    const keys = (listed.Contents ?? []).map((object) => (object.Key ?? '').slice(`${PACKAGE}dub_fr/`.length)).sort();
    expect(keys).toContain('index.m3u8');
    expect(keys).toContain('init.mp4');
    expect(keys.filter((key) => key.endsWith('.m4s')).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a dub made for another cut, naming both durations, and publishes nothing', async () => {
    const refused = await encodeDub(await storedDub('long.wav', 12), 'dub_long').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnplayableMediaError);
    expect((refused as UnplayableMediaError).message).toMatch(/12\.0 s.*8\.0 s/);
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PACKAGE}dub_long/` }));
    expect(listed.Contents ?? []).toEqual([]);
    expect(jobsCreated).toEqual([]);
  });
});
