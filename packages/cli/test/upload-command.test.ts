import { randomBytes } from 'node:crypto';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeStatePath } from '../src/upload/resume-state.js';
import { run, signIn, testContext } from './helpers/cli-harness.js';
import { startFake, type FakeOptions } from './helpers/fake-control-plane.js';
import { tempDir } from './helpers/temp-dir.js';

const PART = 64 * 1024;
async function setup(options: FakeOptions = {}, size = 5 * PART + 777) {
  const server = await startFake({ partSize: PART, ...options });
  const dir = await tempDir();
  const configDir = path.join(dir, 'config');
  const file = path.join(dir, 'Launch film.mp4');
  const bytes = randomBytes(size);
  await writeFile(file, bytes);
  await signIn(server, configDir);
  return { server, configDir, file, bytes, ctx: testContext(server.url, configDir) };
}

async function resumeEntries(configDir: string): Promise<unknown[]> {
  try {
    return (JSON.parse(await readFile(resumeStatePath(configDir), 'utf8')) as { uploads: unknown[] }).uploads;
  } catch {
    return [];
  }
}

describe('ott upload', () => {
  it('uploads the file, completes it and prints only the video id on stdout', async () => {
    const { server, configDir, file, bytes, ctx } = await setup();
    const result = await run(['upload', file, '--title', 'Launch', '--access', 'viewers', '--concurrency', '2'], ctx);
    expect(result).toMatchObject({ code: 0, stderr: expect.stringContaining('upload 100%') });
    const videoId = result.stdout.trim();
    expect(result.stderr).toContain(`Uploading Launch film.mp4 (328 KB) as video ${videoId} in 6 parts\n`);
    const video = server.videos.get(videoId);
    expect(result.stdout).toBe(`${videoId}\n`);
    expect(video).toMatchObject({ title: 'Launch', accessMode: 'viewers', status: 'queued', sourceFilename: 'Launch film.mp4', sourceSize: bytes.length });
    expect(server.assembled(videoId).equals(bytes)).toBe(true);
    expect(server.calls).toEqual(['videos.createUpload', 'videos.completeUpload']);
    expect(await resumeEntries(configDir)).toEqual([]);
  });

  it('after a failed run, sends only the parts the server is missing and completes the same video', async () => {
    let refuse = true;
    const { server, configDir, file, bytes, ctx } = await setup({
      partFault: (partNumber) => (refuse && partNumber === 3 ? { status: 400, message: 'Bad part' } : undefined),
    });
    const first = await run(['upload', file, '--concurrency', '1'], ctx);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('error: part 3 was refused (HTTP 400: Bad part); run the same command again to resume');
    expect(first.stdout).toBe('');
    const [entry] = (await resumeEntries(configDir)) as { videoId: string }[];
    expect(entry?.videoId).toBeDefined();
    expect((await stat(resumeStatePath(configDir))).mode & 0o777).toBe(0o600);

    refuse = false;
    const putsBefore = server.partPuts.length;
    const callsBefore = server.calls.length;
    const second = await run(['upload', file, '--concurrency', '1'], ctx);
    expect(second).toMatchObject({ code: 0, stdout: `${entry?.videoId}\n` });
    expect(second.stderr).toContain('2 of 6 parts already stored');
    expect(server.partPuts.slice(putsBefore).map((put) => put.partNumber)).toEqual([3, 4, 5, 6]);
    expect(server.calls.slice(callsBefore)).toEqual(['videos.get', 'videos.listParts', 'videos.partUrls', 'videos.completeUpload']);
    expect(server.assembled(entry?.videoId ?? '').equals(bytes)).toBe(true);
    expect(server.videos.size).toBe(1);
    expect(await resumeEntries(configDir)).toEqual([]);
  });

  it('starts a new video when the file changed since the interrupted run', async () => {
    let refuse = true;
    const { server, file, ctx } = await setup({ partFault: (partNumber) => (refuse && partNumber === 2 ? { status: 400, message: 'no' } : undefined) });
    expect((await run(['upload', file, '--concurrency', '1'], ctx)).code).toBe(1);
    refuse = false;
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    const again = await run(['upload', file], ctx);
    expect(again.code).toBe(0);
    expect(server.videos.size).toBe(2);
    expect(server.calls.filter((call) => call === 'videos.createUpload')).toHaveLength(2);
  });

  it('with --wait, follows transcoding to ready', async () => {
    const { file, ctx } = await setup();
    const result = await run(['upload', '--wait', file], ctx);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/transcode 50% processing[\s\S]*Ready: 360p, 1:00/);
  });

  it('with --wait, exits 1 with the failure reason when transcoding fails', async () => {
    const { file, ctx } = await setup({ transcodeFailure: 'The file has no video stream.' });
    const result = await run(['upload', file, '--wait'], ctx);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(result.stderr).toContain('error: transcoding failed: The file has no video stream.\n');
  });

  it('draws one progress bar in place on a terminal', async () => {
    const { file, configDir, server } = await setup();
    const ctx = testContext(server.url, configDir, { tty: true });
    expect((await run(['upload', file], ctx)).code).toBe(0);
    const bar = ctx.stderr.text();
    expect(bar).toContain('\r\x1b[Kupload [');
    expect(bar).toMatch(/upload \[#{10,}\] 100% /);
    expect(bar.match(/\n/g)?.length).toBe(3);
  });

  it('refuses a missing file before creating a video', async () => {
    const { server, ctx } = await setup();
    const result = await run(['upload', '/nonexistent/film.mp4'], ctx);
    expect(result).toMatchObject({ code: 1, stderr: 'error: no such file: /nonexistent/film.mp4\n' });
    expect(server.calls).toEqual([]);
  });
});
