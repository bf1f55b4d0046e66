// A local file read by byte ranges, as the MediaConvert transcoder reads an original in S3 (RangedObject).
import { open, stat } from 'node:fs/promises';
import type { RangedObject } from '../../../src/adapters/aws/mediaconvert/source-probe-copy.js';

export async function rangedFile(file: string): Promise<RangedObject> {
  const { size } = await stat(file);
  return {
    size,
    async read(start, end) {
      const handle = await open(file, 'r');
      try {
        const bytes = Buffer.alloc(end - start);
        await handle.read(bytes, 0, bytes.length, start);
        return bytes;
      } finally {
        await handle.close();
      }
    },
  };
}
