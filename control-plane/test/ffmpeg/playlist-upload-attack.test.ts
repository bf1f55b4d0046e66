// The attack of issue 11 through the real job path (API upload → queue → worker → ffmpeg): one tenant uploads a
// viewers-only film; another uploads a one-line HLS playlist (`x.m3u8`) pointing with `../` at that film's rendition
// in the store. The playlist must be refused with a reason, nothing published for it, and no tool the worker runs
// may be given a path into the store: ffmpeg and ffprobe are wrapped to record where they run, what is beside them
// there, and their arguments.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

interface ToolCall {
  tool: string;
  cwd: string;
  /** What the tool's working folder held when it started. */
  beside: string[];
  /** Inode of `source` in that folder, when there is one. */
  sourceInode: string;
  args: string[];
}

let platform: TestPlatform;
let storeRoot: string;
/** One file per tool call: the ladder's processes run at once, and their records must not interleave. */
let toolLogs: string;
let victim: Awaited<ReturnType<typeof signUpActiveTenant>>;
let attacker: Awaited<ReturnType<typeof signUpActiveTenant>>;
let filmId: string;

/** A shell script standing in for `tool`: records its call in a file of its own, then runs the real binary. */
async function recordingTool(tool: 'ffmpeg' | 'ffprobe'): Promise<string> {
  const script = path.join(platform.dataDir, `recording-${tool}`);
  const lines = [
    '#!/bin/sh',
    `{ printf 'tool=%s\\ncwd=%s\\n' '${tool}' "$PWD"`,
    '  for entry in * .[!.]*; do [ -e "$entry" ] && printf "beside=%s\\n" "$entry"; done',
    '  [ -e source ] && printf "inode=%s\\n" "$(stat -c %i source)"',
    '  for arg in "$@"; do printf "arg=%s\\n" "$arg"; done',
    `  printf 'end\\n'; } > "$(mktemp '${toolLogs}/call.XXXXXX')"`,
    `exec ${tool} "$@"`,
  ];
  await writeFile(script, `${lines.join('\n')}\n`, { mode: 0o755 });
  return script;
}

async function toolCalls(): Promise<ToolCall[]> {
  const files = await readdir(toolLogs);
  const text = (await Promise.all(files.map((file) => readFile(path.join(toolLogs, file), 'utf8')))).join('');
  return text
    .split('end\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const values = (key: string) => block.split('\n').flatMap((line) => (line.startsWith(`${key}=`) ? [line.slice(key.length + 1)] : []));
      return { tool: values('tool')[0] ?? '', cwd: values('cwd')[0] ?? '', beside: values('beside').sort(), sourceInode: values('inode')[0] ?? '', args: values('arg') };
    });
}

async function settled(admin: typeof victim.admin, videoId: string) {
  return waitFor(
    async () => {
      const video = await admin.videos.get({ videoId });
      return video.status === 'ready' || video.status === 'failed' ? video : undefined;
    },
    { what: `video ${videoId} to settle`, timeoutMs: 120_000, intervalMs: 200 },
  );
}

beforeAll(async () => {
  platform = await startTestPlatform();
  storeRoot = path.join(platform.dataDir, 'store');
  toolLogs = path.join(platform.dataDir, 'tool-calls');
  await mkdir(toolLogs);
  const transcoder = new FfmpegTranscoder({ ffmpegPath: await recordingTool('ffmpeg'), ffprobePath: await recordingTool('ffprobe'), preset: 'ultrafast' });
  await platform.startWorker({ transcoder });
  victim = await signUpActiveTenant(platform, 'victim');
  attacker = await signUpActiveTenant(platform, 'attacker');
}, 120_000);
afterAll(() => platform?.close());

describe("a playlist upload pointing at another tenant's film", () => {
  it('packages the viewers-only film in a scratch folder holding only a hard link to the original: no tool sees the store', async () => {
    filmId = await uploadFile(victim.admin, await makeClip(path.join(platform.dataDir, 'film.mp4'), { width: 640, height: 360, seconds: 3 }), { accessMode: 'viewers' });
    expect(await settled(victim.admin, filmId)).toMatchObject({ status: 'ready' });

    const row = await platform.database.db.selectFrom('videos').select('source_key').where('id', '=', filmId).executeTakeFirstOrThrow();
    const original = await stat(path.join(storeRoot, row.source_key));
    const calls = await toolCalls();
    const onSource = calls.filter((call) => call.args.includes('file:source'));
    // ffprobe, then ffmpeg three times: the pass-through remux, the video ladder and the audio renditions.
    expect(onSource.map((call) => call.tool).sort()).toEqual(['ffmpeg', 'ffmpeg', 'ffmpeg', 'ffprobe']);
    for (const call of onSource) {
      expect(call.beside).toEqual(['out', 'source']);
      // Same file system here (/tmp and the data folder): the source is the original itself, linked, not copied.
      expect(call.sourceInode).toBe(String(original.ino));
    }
    for (const call of calls) {
      expect(path.relative(storeRoot, call.cwd).startsWith('..')).toBe(true);
      expect(call.args.filter((arg) => arg.includes(storeRoot) || /(^|[/:])\.\.([/]|$)/.test(arg))).toEqual([]);
    }
  }, 120_000);

  it('refuses the playlist with a reason, publishes nothing for it and keeps the upload', async () => {
    const rendition = path.join(storeRoot, 't', victim.session.tenantId, 'v', filmId, '360p');
    const climb = `../../../t/${victim.session.tenantId}/v/${filmId}/360p/`;
    const original = await readFile(path.join(rendition, 'index.m3u8'), 'utf8');
    const playlist = original.replace(/(URI=")?(init\.mp4|seg_\d+\.m4s)/g, (_, uri: string | undefined, name: string) => `${uri ?? ''}${climb}${name}`);
    expect(playlist).toContain(`${climb}seg_00000.m4s`);
    const playlistFile = path.join(platform.dataDir, 'x.m3u8');
    await writeFile(playlistFile, playlist);

    const videoId = await uploadFile(attacker.admin, playlistFile, { accessMode: 'public' });
    const video = await settled(attacker.admin, videoId);
    expect(video).toMatchObject({ status: 'failed', failureReason: 'This file is a playlist that points at other files; upload the video itself.' });
    expect(await readdir(path.join(storeRoot, 't', attacker.session.tenantId, 'v', videoId)).catch(() => [])).toEqual([]);
    const row = await platform.database.db.selectFrom('videos').select('source_key').where('id', '=', videoId).executeTakeFirstOrThrow();
    expect(await readFile(path.join(storeRoot, row.source_key), 'utf8')).toBe(playlist);
  }, 120_000);
});
