// QuickTime and MP4 files may keep their media in other files. Each track's data reference box
// (moov/trak/mdia/minf/dinf/dref) lists where its samples live: an entry whose "self-contained" flag (bit 0 of its
// flags) is clear names another file (`url `, `urn `) or a Mac alias (`alis`, `rsrc`). ffprobe does not report
// these, and ffmpeg's mov demuxer follows aliases when `enable_drefs` is on (we keep it off), so the box structure
// is read here, before any tool opens the file.
import { open, type FileHandle } from 'node:fs/promises';

/** The boxes that lead to a track's data references, one per level; everything else is skipped by its size. */
const PATH_TO_DREF = ['moov', 'trak', 'mdia', 'minf', 'dinf', 'dref'];
/** A dref holds a handful of short entries; a larger one is not read (and not trusted) whole. */
const MAX_DREF_BYTES = 1 << 20;
/** A sane file has a few hundred boxes on these paths; a crafted one could claim millions of empty boxes. */
const MAX_BOXES = 100_000;
const SELF_CONTAINED = 1;
const FULL_BOX_HEADER = 12;

export interface ExternalReference {
  /** `url `, `urn `, `alis`, `rsrc`, … */
  type: string;
}

interface Box {
  type: string;
  /** Where the payload starts and the box ends, in file offsets. */
  start: number;
  end: number;
}

/** The references to other files this file's tracks rely on; empty for a self-contained file or one that is not ISO media. */
export async function findExternalDataReferences(path: string): Promise<ExternalReference[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const found: ExternalReference[] = [];
    let visited = 0;
    const walk = async (from: number, to: number, depth: number): Promise<void> => {
      for (let offset = from; offset < to;) {
        if (++visited > MAX_BOXES) return;
        const box = await readBox(handle, offset, to);
        // Not ISO media (or damaged past this point): ffprobe decides what the file is.
        if (!box) return;
        if (box.type === 'dref' && depth === PATH_TO_DREF.length - 1) found.push(...(await readDref(handle, box)));
        else if (box.type === PATH_TO_DREF[depth]) await walk(box.start, box.end, depth + 1);
        offset = box.end;
      }
    };
    await walk(0, size, 0);
    return found;
  } finally {
    await handle.close();
  }
}

async function readBox(handle: FileHandle, offset: number, limit: number): Promise<Box | undefined> {
  const header = Buffer.alloc(16);
  const { bytesRead } = await handle.read(header, 0, 16, offset);
  if (bytesRead < 8) return undefined;
  const type = header.toString('latin1', 4, 8);
  if (!/^[\x20-\x7e]{4}$/.test(type)) return undefined;
  const declared = header.readUInt32BE(0);
  let headerSize = 8;
  let boxSize = declared;
  if (declared === 1) {
    if (bytesRead < 16) return undefined;
    headerSize = 16;
    boxSize = Number(header.readBigUInt64BE(8));
  } else if (declared === 0) {
    boxSize = limit - offset;
  }
  if (boxSize < headerSize || offset + boxSize > limit) return undefined;
  return { type, start: offset + headerSize, end: offset + boxSize };
}

/** `dref` is a full box: version and flags, an entry count, then one box per entry, each a full box itself. */
async function readDref(handle: FileHandle, dref: Box): Promise<ExternalReference[]> {
  const length = Math.min(dref.end - dref.start, MAX_DREF_BYTES);
  const body = Buffer.alloc(length);
  await handle.read(body, 0, length, dref.start);
  const references: ExternalReference[] = [];
  for (let offset = 8; offset + FULL_BOX_HEADER <= length;) {
    const entrySize = body.readUInt32BE(offset);
    const type = body.toString('latin1', offset + 4, offset + 8);
    const flags = body.readUIntBE(offset + 9, 3);
    const end = Math.min(length, offset + Math.max(entrySize, FULL_BOX_HEADER));
    if (!(flags & SELF_CONTAINED) && namesSomethingElse(type, body.subarray(offset + FULL_BOX_HEADER, end))) references.push({ type });
    offset = end;
  }
  return references;
}

/**
 * An alias always points elsewhere. A `url `/`urn ` entry without the flag but with no location at all (a few
 * muxers write that) names nothing: every reader takes the samples from this file, so it is not refused.
 */
function namesSomethingElse(type: string, payload: Buffer): boolean {
  if (type !== 'url ' && type !== 'urn ') return true;
  return payload.some((byte) => byte !== 0);
}
