// The probe copy of an original that stays in S3: head, tail and the MP4 index fetched by ranges, the rest a hole.
// ffprobe must describe it as it describes the whole file, and refuse what it refuses in the whole file.
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_HEAD_BYTES, PROBE_TAIL_BYTES, writeProbeCopy } from '../../src/adapters/aws/mediaconvert/source-probe-copy.js';
import { probeMedia } from '../../src/media/probe-media.js';
import { UnplayableMediaError } from '../../src/domain/videos/unplayable-media-error.js';
import { tempDir } from '../ffmpeg/fixtures.js';
import { rangedFile } from './support/ranged-file.js';
import { makeClip } from '../support/media-fixtures.js';

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  work = await tempDir('probe-copy');
});
afterAll(() => work?.remove());

const limits = { maxDurationSeconds: 3600 };

describe('the probe copy', () => {
  it('fetches an MP4 index that sits between the head and the tail, and probes like the whole file', async () => {
    // 12 MB of media, the index after it, then 3 MiB of padding: the index is in neither the head nor the tail.
    const film = await makeClip(join(work.path, 'film.mp4'), { width: 640, height: 360, seconds: 4, bitrate: '24M' });
    const padding = Buffer.alloc(PROBE_TAIL_BYTES + 1024 * 1024);
    padding.writeUInt32BE(padding.length, 0);
    padding.write('free', 4, 'latin1');
    await appendFile(film, padding);
    const { size } = await stat(film);
    expect(size).toBeGreaterThan(PROBE_HEAD_BYTES + PROBE_TAIL_BYTES);

    const copy = join(work.path, 'copy');
    const fetched = await writeProbeCopy(await rangedFile(film), copy);
    expect((await stat(copy)).size).toBe(size);
    expect(fetched).toBeLessThan(PROBE_HEAD_BYTES + PROBE_TAIL_BYTES + 512 * 1024);
    expect(await probeMedia('ffprobe', copy, limits)).toEqual(await probeMedia('ffprobe', film, limits));
  });

  it('keeps the refusals: a truncated MP4 is still reported as truncated, a playlist as a playlist', async () => {
    const whole = await readFile(await makeClip(join(work.path, 'whole.mp4'), { width: 320, height: 240, seconds: 3 }));
    const truncated = join(work.path, 'truncated.mp4');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const playlist = join(work.path, 'playlist');
    await writeFile(playlist, '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nhttp://169.254.169.254/latest/meta-data/\n#EXT-X-ENDLIST\n');
    for (const [file, kind] of [
      [truncated, 'truncated'],
      [playlist, 'playlist'],
    ] as const) {
      const copy = join(work.path, `copy-${kind}`);
      await writeProbeCopy(await rangedFile(file), copy);
      const error = await probeMedia('ffprobe', copy, limits).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnplayableMediaError);
      expect((error as UnplayableMediaError).reason).toMatch(kind === 'truncated' ? /truncated/ : /playlist that points at other files/);
    }
  });
});
