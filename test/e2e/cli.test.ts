// The `ott` command as a user runs it, against the platform's real processes: sign up, upload with --wait,
// list, and a play URL that ffprobe (like any HLS player) plays through the edge.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeClip, probeStreams } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

const ottBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/cli/bin/ott.mjs');
let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-cli-e2e-'));
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
});
afterAll(async () => {
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function ott(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, OTT_API: platform.apiUrl, OTT_CONFIG_DIR: path.join(dataDir, 'cli'), OTT_PASSWORD: 'a long enough password' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [ottBin, ...args], { env, cwd: dataDir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

it('signs up, uploads with --wait, lists, and prints a play URL that plays', async () => {
  const signup = await ott('signup', '--company', 'Clip Co', '--slug', 'clip-co', '--email', 'owner@clip.example', '--wait');
  expect(signup.code, signup.stderr).toBe(0);

  await makeClip(path.join(dataDir, 'trailer.mp4'), { seconds: 3, width: 640, height: 360 });
  const upload = await ott('upload', 'trailer.mp4', '--title', 'Trailer', '--wait');
  expect(upload.code, upload.stderr).toBe(0);

  const list = await ott('videos', 'list', '--json');
  const videos = JSON.parse(list.stdout) as { id: string; title: string; status: string }[];
  expect(videos).toEqual([expect.objectContaining({ title: 'Trailer', status: 'ready' })]);

  const play = await ott('play-url', videos[0]!.id);
  expect(play.code, play.stderr).toBe(0);
  const url = play.stdout.trim();
  expect(url).toMatch(new RegExp(`^${platform.edgeUrl}/t/[0-9a-f-]+/v/${videos[0]!.id}/master\\.m3u8\\?Policy=`));
  expect(await probeStreams(url)).toEqual(expect.arrayContaining([expect.objectContaining({ codec_type: 'video', codec_name: 'h264', height: 360 })]));
});

it('exits non-zero with the reason when the video cannot be transcoded', async () => {
  const notes = path.join(dataDir, 'notes.txt');
  await promisify(execFile)('sh', ['-c', `printf 'not a film\\n%.0s' $(seq 1 100) > ${notes}`]);
  const upload = await ott('upload', notes, '--wait');
  expect(upload.code).toBe(1);
  expect(upload.stderr).toMatch(/error: .*(not a (video|media)|not recogni[sz]ed)/i);
});
