// The `ott` command as a user runs it, against the platform's real processes: sign up, upload with --wait,
// list, and a play URL that ffprobe (like any HLS player) plays through the edge.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeClip, probeStreams } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { runOtt, type OttAnswer } from '../support/ott-command.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

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

async function ott(...args: string[]): Promise<OttAnswer> {
  return ottWith({}, ...args);
}

function ottWith(extraEnv: Record<string, string>, ...args: string[]): Promise<OttAnswer> {
  return runOtt({ apiUrl: platform.apiUrl, dataDir, env: extraEnv }, args);
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

it('creates a server API key, uploads and lists with it (OTT_API_KEY, no session), and refuses it once revoked', async () => {
  // Signed in by the first test (same config folder): keys are managed with the admin session.
  const created = await ott('api-keys', 'create', '--name', 'CI uploads', '--scope', 'upload', '--scope', 'read');
  expect(created.code, created.stderr).toBe(0);
  const key = created.stdout.trim();
  expect(key).toMatch(/^ott_sk_[a-z0-9]{8}_/);
  expect(created.stderr).toContain('This is the only time the key is shown');
  const prefix = key.slice(0, 15);

  // Another config folder: no session at all, only the key.
  const keyOnly = { OTT_API_KEY: key, OTT_CONFIG_DIR: path.join(dataDir, 'cli-key-only') };
  await makeClip(path.join(dataDir, 'teaser.mp4'), { seconds: 2, width: 320, height: 180 });
  const upload = await ottWith(keyOnly, 'upload', 'teaser.mp4', '--title', 'Teaser by key', '--wait');
  expect(upload.code, upload.stderr).toBe(0);
  const list = await ottWith(keyOnly, 'videos', 'list', '--json');
  expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ title: 'Teaser by key', status: 'ready' })]));

  const listed = await ott('api-keys', 'list');
  expect(listed.stdout).toMatch(new RegExp(`${prefix}\\s+CI uploads\\s+upload,read\\s+\\S+ \\S+\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+active`));
  expect(listed.stdout).not.toContain(key);
  expect((await ott('api-keys', 'revoke', prefix)).code).toBe(0);
  const refused = await ottWith(keyOnly, 'videos', 'list');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`${prefix} was revoked`);
});
