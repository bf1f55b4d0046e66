// `ott dubs …` against the fake control plane: the dub's file sent in parts and completed, its id alone on stdout,
// the list as a table, remove by id.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, signedInFake } from './helpers/cli-harness.js';
import { tempDir } from './helpers/temp-dir.js';

describe('ott dubs', () => {
  it('uploads a dub in parts, lists it and removes it', async () => {
    const { server, ctx } = await signedInFake();
    const file = path.join(await tempDir(), 'film.fr.wav');
    const bytes = Buffer.alloc(150_000, 7);
    await writeFile(file, bytes);
    const added = await run(['dubs', 'add', 'video-1', file, '--language', 'fr', '--name', 'Français'], ctx);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    const id = added.stdout.trim();
    expect(server.inputs.get('audioTracks.addDub')).toEqual({ videoId: 'video-1', filename: 'film.fr.wav', size: 150_000, language: 'fr', name: 'Français' });
    expect(server.inputs.get('audioTracks.completeDub')).toEqual({ videoId: 'video-1', trackId: id });
    // 64 KiB parts: three of them.
    expect(Buffer.concat([1, 2, 3].map((n) => server.videos.get(id)?.parts.get(n) ?? Buffer.alloc(0)))).toEqual(bytes);
    const listed = (await run(['dubs', 'list', 'video-1'], ctx)).stdout.trimEnd().split('\n');
    expect(listed[0]).toMatch(/^ID\s+LANGUAGE\s+ORIGIN\s+STATUS\s+DEFAULT\s+NAME$/);
    expect(listed[1]).toMatch(new RegExp(`^${id}\\s+fr\\s+dub\\s+processing\\s+Français$`));
    expect(await run(['dubs', 'remove', 'video-1', id], ctx)).toEqual({ code: 0, stderr: '', stdout: `Removed dub ${id}.\n` });
    expect((await run(['dubs', 'list', 'video-1'], ctx)).stdout).toBe('No audio tracks. Add a dub with: ott dubs add video-1 <file> --language fr\n');
  });

  it('asks for the language before sending anything', async () => {
    const { server, ctx } = await signedInFake();
    const file = path.join(await tempDir(), 'dub.wav');
    await writeFile(file, 'x');
    const missing = await run(['dubs', 'add', 'video-1', file], ctx);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--language');
    expect(server.calls).not.toContain('audioTracks.addDub');
  });
});
