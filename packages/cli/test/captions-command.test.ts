// `ott captions …` against the fake control plane: the file checked before anything is sent, the track id alone on
// stdout, the list as a table, the transcript as it comes, remove by id.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, signedInFake } from './helpers/cli-harness.js';
import { tempDir } from './helpers/temp-dir.js';

describe('ott captions', () => {
  it('adds a caption file, lists it, prints its transcript and removes it', async () => {
    const { server, ctx } = await signedInFake();
    const file = path.join(await tempDir(), 'film.fr.srt');
    await writeFile(file, '1\n00:00:01,000 --> 00:00:02,000\nBonjour\n');
    const added = await run(['captions', 'add', 'video-1', file, '--language', 'fr', '--label', 'Français', '--kind', 'captions', '--default'], ctx);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(server.inputs.get('captions.upload')).toEqual({
      videoId: 'video-1',
      content: '1\n00:00:01,000 --> 00:00:02,000\nBonjour\n',
      format: 'srt',
      language: 'fr',
      label: 'Français',
      kind: 'captions',
      isDefault: true,
    });
    const id = added.stdout.trim();
    const listed = (await run(['captions', 'list', 'video-1'], ctx)).stdout.trimEnd().split('\n');
    expect(listed[0]).toMatch(/^ID\s+LANGUAGE\s+KIND\s+ORIGIN\s+CUES\s+DEFAULT\s+LABEL$/);
    expect(listed[1]).toMatch(new RegExp(`^${id}\\s+fr\\s+captions\\s+uploaded\\s+1\\s+yes\\s+Français$`));
    expect((await run(['captions', 'transcript', 'video-1', id], ctx)).stdout).toBe('[00:00:01] Hello\n');
    expect(await run(['captions', 'remove', 'video-1', id], ctx)).toEqual({ code: 0, stderr: '', stdout: `Removed caption track ${id}.\n` });
    expect((await run(['captions', 'list', 'video-1'], ctx)).stdout).toBe('No caption tracks yet. Add one with: ott captions add video-1 <file.vtt> --language en\n');
  });

  it('refuses a file that is not WebVTT or SRT, or too big, before asking the server', async () => {
    const { server, ctx } = await signedInFake();
    const dir = await tempDir();
    await writeFile(path.join(dir, 'notes.txt'), 'hello');
    await writeFile(path.join(dir, 'huge.vtt'), Buffer.alloc(2 * 1024 * 1024 + 1, 0x41));
    const wrong = await run(['captions', 'add', 'video-1', path.join(dir, 'notes.txt'), '--language', 'en'], ctx);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('is not a caption file: give a .vtt (WebVTT) or .srt (SubRip) file');
    const huge = await run(['captions', 'add', 'video-1', path.join(dir, 'huge.vtt'), '--language', 'en'], ctx);
    expect(huge.stderr).toContain('huge.vtt is 2049 KB; a caption file can be at most 2048 KB');
    expect((await run(['captions', 'add', 'video-1', path.join(dir, 'missing.vtt'), '--language', 'en'], ctx)).stderr).toContain('cannot read');
    expect(server.calls).not.toContain('captions.upload');
  });

  it('asks for automatic captions in English by default, and shows the server’s refusal of another language', async () => {
    const { server, ctx } = await signedInFake();
    const asked = await run(['captions', 'generate', 'video-1'], ctx);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(asked.stderr).toBe('Automatic captions (English (automatic)) are being made for video video-1; see them with: ott captions list video-1\n');
    expect(server.inputs.get('captions.generate')).toEqual({ videoId: 'video-1', language: 'en' });
    const listed = (await run(['captions', 'list', 'video-1'], ctx)).stdout.trimEnd().split('\n');
    expect(listed[1]).toMatch(/\s+en\s+subtitles\s+automatic\s+0\s+English \(automatic\)$/);
    const refused = await run(['captions', 'generate', 'video-1', '--language', 'de'], ctx);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Automatic captions cannot be made in "de": pocketsphinx (en-US) understands en only.');
  });
});
