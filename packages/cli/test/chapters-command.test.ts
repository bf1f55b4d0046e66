import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, signedInFake } from './helpers/cli-harness.js';
import { tempDir } from './helpers/temp-dir.js';

const VIDEO = '55555555-5555-4555-8555-555555555555';

async function chapterFile(text: string): Promise<string> {
  const file = path.join(await tempDir(), 'chapters.txt');
  await writeFile(file, text);
  return file;
}

describe('ott chapters', () => {
  it('sets chapters from a YouTube description and prints them back in the format it reads', async () => {
    const { server, ctx } = await signedInFake();
    server.addVideo({ id: VIDEO, durationSeconds: 600 });
    const file = await chapterFile('My talk about ladders.\n\n0:00 - Welcome\n[2:15] Setting up\nWrap-up | 9:30.5\n');
    expect(await run(['chapters', 'set', VIDEO, file], ctx)).toEqual({ code: 0, stderr: '', stdout: `Set 3 chapters on ${VIDEO}:\n0:00 Welcome\n2:15 Setting up\n9:30.5 Wrap-up\n` });
    expect(server.inputs.get('chapters.set')).toEqual({
      videoId: VIDEO,
      chapters: [
        { startSeconds: 0, title: 'Welcome' },
        { startSeconds: 135, title: 'Setting up' },
        { startSeconds: 570.5, title: 'Wrap-up' },
      ],
    });
    expect(await run(['chapters', 'get', VIDEO], ctx)).toEqual({ code: 0, stderr: '', stdout: '0:00 Welcome\n2:15 Setting up\n9:30.5 Wrap-up\n' });
    expect(await run(['chapters', 'clear', VIDEO], ctx)).toEqual({ code: 0, stderr: '', stdout: `Removed the chapters of ${VIDEO}.\n` });
    expect((await run(['chapters', 'get', VIDEO, '--json'], ctx)).stdout).toBe('[]\n');
  });

  it('refuses a file naming the bad line before calling the API, and shows the server’s refusal', async () => {
    const { server, ctx } = await signedInFake();
    server.addVideo({ id: VIDEO, durationSeconds: 60 });
    const typo = await chapterFile('00:00 Intro\n01:7O Typo\n');
    expect(await run(['chapters', 'set', VIDEO, typo], ctx)).toMatchObject({ code: 1, stderr: `error: ${typo}: Line 2 ("01:7O Typo") does not start with a time like 1:05 or 01:02:03.\n` });
    expect(server.inputs.has('chapters.set')).toBe(false);
    const late = await chapterFile('0:00 Intro\n2:00 Credits\n');
    expect((await run(['chapters', 'set', VIDEO, late], ctx)).stderr).toContain('Chapter 2 starts after the end of the video.');
    expect((await run(['chapters', 'set', VIDEO, path.join(path.dirname(late), 'missing.txt')], ctx)).stderr).toContain('no such file');
  });
});
