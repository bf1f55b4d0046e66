// `ott clips create` and `ott downloads …` against the fake control plane: times parsed before any request, the
// answers said in one line (or a table of links).
import { describe, expect, it } from 'vitest';
import { run, signedInFake } from './helpers/cli-harness.js';

describe('ott clips create', () => {
  it('sends the range in seconds, m:ss and h:mm:ss both accepted', async () => {
    const { server, ctx } = await signedInFake();
    const result = await run(['clips', 'create', 'video-1', '--start', '1:05', '--end', '0:01:35.5', '--title', 'The goal'], ctx);
    expect(result).toEqual({ code: 0, stderr: '', stdout: 'Clip clip-1 ("The goal") is queued; follow it with: ott videos get clip-1\n' });
    expect(server.inputs.get('clips.create')).toEqual({ videoId: 'video-1', startSeconds: 65, endSeconds: 95.5, title: 'The goal' });
  });

  it('refuses a time it cannot read, and a missing end, before asking the server', async () => {
    const { server, ctx } = await signedInFake();
    const bad = await run(['clips', 'create', 'video-1', '--start', 'ten', '--end', '20'], ctx);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error: --start must be seconds (e.g. 75.5) or m:ss / h:mm:ss (got "ten")');
    const missing = await run(['clips', 'create', 'video-1', '--start', '10'], ctx);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: --end is required');
    expect(server.calls).not.toContain('clips.create');
  });

  it("says the server's refusal", async () => {
    const { ctx } = await signedInFake();
    expect(await run(['clips', 'create', 'video-1', '--start', '20', '--end', '10'], ctx)).toMatchObject({
      code: 1,
      stderr: 'error: The clip ends before it starts. Choose an end after the start.\n',
    });
  });
});

describe('ott downloads', () => {
  it('switches downloads on and off', async () => {
    const { server, ctx } = await signedInFake();
    expect((await run(['downloads', 'enable', 'video-1'], ctx)).stdout).toBe(
      'Downloads are on for video-1; the files are being made (or will be once the video is ready). See them with: ott downloads links video-1\n',
    );
    expect(server.inputs.get('downloads.setEnabled')).toEqual({ videoId: 'video-1', enabled: true });
    expect((await run(['downloads', 'disable', 'video-1'], ctx)).stdout).toBe('Downloads are off for video-1.\n');
  });

  it('lists signed links', async () => {
    const { ctx } = await signedInFake();
    const result = await run(['downloads', 'links', 'video-1'], ctx);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^NAME\s+RESOLUTION\s+SIZE\s+URL$/);
    expect(result.stdout).toContain('720p  1280x720    5 MB  https://edge.example/t/x/v/y/downloads/720p.mp4?Policy=p');
    expect(result.stdout).toContain('Valid until 2026-11-21T12:10:00.000Z.');
  });
});
