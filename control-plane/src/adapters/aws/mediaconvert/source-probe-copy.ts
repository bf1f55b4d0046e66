// What ffprobe needs of an original that stays in S3, as a sparse local file of the original's size: the head (where
// every container starts and where ffprobe reads its first packets), the tail (where MPEG-TS, Ogg and AVI keep what
// gives the duration), and for MP4/MOV the `moov` index wherever it sits (cameras write it after the media). The rest
// is a hole: it takes no disk and is never fetched, so a 50 GB film costs a few MiB of transfer and of disk.
//
// Why a file and not ffprobe over a presigned HTTPS URL: ffprobe then keeps `-protocol_whitelist file`, the demuxer
// allow-list and the refusal of playlists and references exactly as in the local shape (source-input.ts), the data
// reference check (external-data-references.ts) reads the same boxes, and no signed URL (which carries the
// credential's key id and session token) can end up in an error message or a log line.
import { open } from 'node:fs/promises';

/** An object read by byte ranges (S3 GetObject with `Range`). */
export interface RangedObject {
  size: number;
  /** Bytes `[start, end)`. */
  read(start: number, end: number): Promise<Buffer>;
}

/** ffprobe reads at most `probesize` (5,000,000 bytes by default) to find the streams' parameters; the head covers it. */
export const PROBE_HEAD_BYTES = 8 * 1024 * 1024;
/** ffprobe estimates an MPEG-TS/PS duration from the last PTS, reading 250 kB from the end and widening on retry. */
export const PROBE_TAIL_BYTES = 2 * 1024 * 1024;
/** A two-hour film's sample tables are a few MiB; an index larger than this is not fetched (ffprobe then reports it missing). */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;
/** A progressive MP4 has a handful of top-level boxes (ftyp, free, mdat, moov, udta); a crafted one could declare thousands. */
const MAX_TOP_LEVEL_BOXES = 32;
const ISO_TOP_LEVEL = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pdin', 'moof', 'mfra', 'meta', 'uuid', 'styp', 'sidx', 'udta', 'pnot']);

/** Writes the probe copy of `object` at `target` and returns how many bytes it fetched. */
export async function writeProbeCopy(object: RangedObject, target: string): Promise<number> {
  const pieces = new Map<number, Buffer>();
  let fetched = 0;
  const fetch = async (start: number, end: number) => {
    const bytes = await object.read(start, end);
    fetched += bytes.length;
    pieces.set(start, bytes);
    return bytes;
  };
  const headEnd = Math.min(object.size, PROBE_HEAD_BYTES);
  if (headEnd > 0) await fetch(0, headEnd);
  const tailStart = Math.max(headEnd, object.size - PROBE_TAIL_BYTES);
  if (tailStart < object.size) await fetch(tailStart, object.size);
  const covered = (start: number, end: number) => (end <= headEnd || start >= tailStart) && end <= object.size;

  // MP4/MOV: walk the top-level boxes by their headers until `moov`, and fetch it when head and tail miss it.
  for (let offset = 0, boxes = 0; offset + 8 <= object.size && boxes < MAX_TOP_LEVEL_BOXES; boxes += 1) {
    const header = covered(offset, offset + 16) ? sliceOf(pieces, offset, 16) : await object.read(offset, Math.min(object.size, offset + 16));
    if (!covered(offset, offset + 16)) fetched += header.length;
    const box = boxHeader(header, object.size - offset);
    if (!box || !ISO_TOP_LEVEL.has(box.type)) break;
    if (box.type === 'moov') {
      if (!covered(offset, offset + box.size) && box.size <= MAX_INDEX_BYTES) await fetch(offset, offset + box.size);
      break;
    }
    offset += box.size;
  }

  const file = await open(target, 'w', 0o600);
  try {
    await file.truncate(object.size);
    for (const [start, bytes] of pieces) await file.write(bytes, 0, bytes.length, start);
  } finally {
    await file.close();
  }
  return fetched;
}

/** ISO BMFF box header: 32-bit size and type, a 64-bit size when the first is 1, "to the end" when it is 0. */
function boxHeader(header: Buffer, remaining: number): { type: string; size: number } | undefined {
  if (header.length < 8) return undefined;
  const type = header.toString('latin1', 4, 8);
  const declared = header.readUInt32BE(0);
  const size = declared === 1 && header.length >= 16 ? Number(header.readBigUInt64BE(8)) : declared === 0 ? remaining : declared;
  if (size < 8 || size > remaining) return undefined;
  return { type, size };
}

/** `length` bytes at `offset` from the fetched piece that holds them. */
function sliceOf(pieces: Map<number, Buffer>, offset: number, length: number): Buffer {
  for (const [start, bytes] of pieces) {
    if (offset >= start && offset < start + bytes.length) return bytes.subarray(offset - start, Math.min(bytes.length, offset - start + length));
  }
  return Buffer.alloc(0);
}
