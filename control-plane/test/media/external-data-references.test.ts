// Which data reference entries make a QuickTime/MP4 file depend on other files, read from the box structure of
// files ffmpeg wrote and then edited.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExternalDataReferences } from '../../src/media/external-data-references.js';
import { withDataReference, type DataReferenceEntry } from './external-reference-mp4.js';
import { ffmpeg, makeClip, tempDir } from '../ffmpeg/fixtures.js';

let work: Awaited<ReturnType<typeof tempDir>>;
let clip: Buffer;

beforeAll(async () => {
  work = await tempDir('data-references');
  clip = await readFile(await makeClip(join(work.path, 'clip.mp4'), { width: 160, height: 120, seconds: 1 }));
});
afterAll(() => work.remove());

async function referencesWith(entry: DataReferenceEntry): Promise<string[]> {
  const file = join(work.path, `${Math.random().toString(36).slice(2)}.mov`);
  await writeFile(file, withDataReference(clip, entry));
  return (await findExternalDataReferences(file)).map((reference) => reference.type);
}

describe('external data references', () => {
  it('finds none in files ffmpeg writes: MP4, fast-start MP4, MOV', async () => {
    const faststart = await makeClip(join(work.path, 'faststart.mp4'), { width: 160, height: 120, seconds: 1, outputArgs: ['-movflags', '+faststart'] });
    const mov = join(work.path, 'clip.mov');
    await ffmpeg(['-i', faststart, '-c', 'copy', mov]);
    for (const file of [join(work.path, 'clip.mp4'), faststart, mov]) expect(await findExternalDataReferences(file)).toEqual([]);
  });

  it('finds a url entry naming another file, once per track', async () => {
    expect(await referencesWith({ type: 'url ', flags: 0, payload: Buffer.from('file:///srv/other.mov\0') })).toEqual(['url ', 'url ']);
  });

  it('finds Mac aliases (alis, rsrc) without the self-contained flag, whatever they hold', async () => {
    expect(await referencesWith({ type: 'alis', flags: 0, payload: Buffer.alloc(160, 1) })).toEqual(['alis', 'alis']);
    expect(await referencesWith({ type: 'rsrc', flags: 0, payload: Buffer.alloc(8, 1) })).toEqual(['rsrc', 'rsrc']);
  });

  it('ignores self-contained entries and a url entry that names no location', async () => {
    expect(await referencesWith({ type: 'alis', flags: 1, payload: Buffer.alloc(0) })).toEqual([]);
    expect(await referencesWith({ type: 'url ', flags: 0, payload: Buffer.from('\0') })).toEqual([]);
  });

  it('reads nothing into files that are not ISO media', async () => {
    const text = join(work.path, 'notes.txt');
    await writeFile(text, 'ffconcat version 1.0\nfile other.mp4\n');
    expect(await findExternalDataReferences(text)).toEqual([]);
  });
});
