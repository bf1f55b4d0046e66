// Uploads that try to make the transcoder read something other than their own bytes: playlists pointing with `../`
// at another tenant's rendition in the store, at a file outside the store, at an http URL; a concat list; an MP4
// whose track data lives in another file; a numbered image-sequence name; an SDP file. Each is refused with a reason
// the uploader understands, before anything is encoded: no output is written, and the HTTP server is never asked.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { extractStills } from '../../src/adapters/local/ffmpeg/stills.js';
import { buildStoryboard } from '../../src/media/storyboard.js';
import { UnplayableMediaError } from '../../src/domain/videos/unplayable-media-error.js';
import { withExternalDataReference } from '../media/external-reference-mp4.js';
import { ffmpeg, makeClip, tempDir } from './fixtures.js';

const exec = promisify(execFile);
const transcoder = new FfmpegTranscoder({ preset: 'ultrafast' });
let work: Awaited<ReturnType<typeof tempDir>>;
let store: string;
let outside: string;
let victimRendition: string;
let canary: { mp4: string; ts: string };
let http: { server: Server; url: string; requests: string[] };

beforeAll(async () => {
  work = await tempDir('ffmpeg-hostile');
  store = join(work.path, 'store');
  outside = join(work.path, 'outside');
  await mkdir(outside, { recursive: true });
  const mp4 = await makeClip(join(outside, 'canary.mp4'), { width: 320, height: 240, seconds: 2 });
  const ts = join(outside, 'canary.ts');
  await ffmpeg(['-i', mp4, '-c', 'copy', '-f', 'mpegts', ts]);
  canary = { mp4, ts };
  // Another tenant's viewers-only film, packaged as the platform stores it: fMP4 HLS under t/{tenant}/v/{video}/.
  victimRendition = join(store, 't', 'victim', 'v', 'film', '360p');
  await mkdir(victimRendition, { recursive: true });
  await ffmpeg([
    '-i',
    mp4,
    '-c',
    'copy',
    '-f',
    'hls',
    '-hls_segment_type',
    'fmp4',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-hls_playlist_type',
    'vod',
    '-hls_segment_filename',
    join(victimRendition, 'seg_%05d.m4s'),
    join(victimRendition, 'index.m3u8'),
  ]);
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    void readFile(canary.ts).then((body) => response.writeHead(200, { 'Content-Type': 'video/mp2t' }).end(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  http = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
});
afterAll(async () => {
  http?.server.close();
  await work?.remove();
});

/** An upload as the store keeps it: `sources/{tenant}/{video}/original{ext}`. */
async function upload(name: string, content: string | Buffer): Promise<string> {
  const folder = join(store, 'sources', 'attacker', `video-${Math.random().toString(36).slice(2)}`);
  await mkdir(folder, { recursive: true });
  const file = join(folder, name);
  await writeFile(file, content);
  return file;
}

async function refusal(sourcePath: string): Promise<{ error: UnplayableMediaError; written: string[] }> {
  const outputDir = join(work.path, `out-${Math.random().toString(36).slice(2)}`);
  const outcome = await transcoder.transcode({ sourcePath, outputDir, limits: { maxDurationSeconds: 3600 } }).then(
    (output) => ({ output }),
    (error: unknown) => ({ error }),
  );
  const written = await readdir(outputDir, { recursive: true }).catch(() => []);
  await rm(outputDir, { recursive: true, force: true });
  if (!('error' in outcome)) throw new Error(`${sourcePath} was transcoded (${outcome.output.renditions.length} renditions) instead of refused`);
  if (!(outcome.error instanceof UnplayableMediaError)) throw outcome.error;
  return { error: outcome.error, written };
}

const playlist = (...entries: string[]) => ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', ...entries.flatMap((entry) => ['#EXTINF:2.0,', entry]), '#EXT-X-ENDLIST', ''].join('\n');

describe('sources that point at other files are refused before anything is read or encoded', () => {
  it("an HLS playlist pointing with ../ at another tenant's rendition in the store", async () => {
    const victim = await readFile(join(victimRendition, 'index.m3u8'), 'utf8');
    // The victim's own playlist with every URI rewritten to climb out of sources/attacker/{video}/.
    const climbing = victim.replace(/(URI=")?(init\.mp4|seg_\d+\.m4s)/g, (_, uri: string | undefined, name: string) => `${uri ?? ''}../../../t/victim/v/film/360p/${name}`);
    const { error, written } = await refusal(await upload('x.m3u8', climbing));
    expect(error.kind).toBe('refers-to-other-files');
    expect(error.reason).toBe('This file is a playlist that points at other files; upload the video itself.');
    expect(written).toEqual([]);
  });

  it('an HLS playlist pointing at a media file outside the store', async () => {
    const { error, written } = await refusal(await upload('x.m3u8', playlist(canary.ts)));
    expect(error.reason).toMatch(/playlist that points at other files/);
    expect(written).toEqual([]);
  });

  it('an HLS playlist pointing at an http URL, which is never contacted', async () => {
    const { error, written } = await refusal(await upload('stream.m3u8', playlist(`${http.url}/canary.ts`)));
    expect(http.requests).toEqual([]);
    expect(error.reason).toMatch(/playlist that points at other files/);
    expect(written).toEqual([]);
  });

  it('the same playlist under an innocent name (.mp4): the content decides, not the extension', async () => {
    const { error } = await refusal(await upload('holiday.mp4', playlist(canary.ts)));
    expect(error.kind).toBe('refers-to-other-files');
  });

  it('a DASH manifest pointing at a file outside the store', async () => {
    const mpd = `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT2S" minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011">
  <Period><AdaptationSet mimeType="video/mp4"><Representation id="1" bandwidth="100000" width="320" height="240" codecs="avc1.42c00d">
    <BaseURL>file://${canary.mp4}</BaseURL>
  </Representation></AdaptationSet></Period>
</MPD>
`;
    const { error, written } = await refusal(await upload('film.mpd', mpd));
    expect(error.reason).toMatch(/playlist \(DASH manifest\) that points at other files/);
    expect(written).toEqual([]);
  });

  it('an ffmpeg concat list naming a file beside it', async () => {
    const list = await upload('list.txt', 'ffconcat version 1.0\nfile canary.mp4\n');
    await writeFile(join(list, '..', 'canary.mp4'), await readFile(canary.mp4));
    const { error, written } = await refusal(list);
    expect(error.kind).toBe('refers-to-other-files');
    expect(error.reason).toMatch(/list that points at other files.*upload the video itself/);
    expect(written).toEqual([]);
  });

  it('an MP4 whose track data lives in another file (external data reference)', async () => {
    const clip = await makeClip(join(work.path, 'own.mp4'), { width: 320, height: 240, seconds: 1 });
    const { error, written } = await refusal(await upload('film.mp4', withExternalDataReference(await readFile(clip), `file://${canary.mp4}`)));
    expect(error.kind).toBe('refers-to-other-files');
    expect(error.reason).toMatch(/points at other files \(external data references\).*self-contained/);
    expect(written).toEqual([]);
  });

  // The first frame is a FIFO: a tool that follows the pattern blocks opening it (and the test times out); the
  // refusal never opens it.
  it('a file whose name is a numbered image-sequence pattern, with the frames beside it', async () => {
    const folder = join(work.path, 'frames');
    await mkdir(folder, { recursive: true });
    await ffmpeg(['-i', canary.mp4, '-frames:v', '10', join(folder, 'frame-%03d.png')]);
    const named = join(folder, 'frame-%03d.png');
    await writeFile(named, await readFile(join(folder, 'frame-002.png')));
    await rm(join(folder, 'frame-001.png'));
    await exec('mkfifo', [join(folder, 'frame-001.png')]);
    const { error, written } = await refusal(named);
    expect(error.kind).toBe('still-image');
    expect(written).toEqual([]);
  }, 20_000);

  it('an SDP file describing an RTP stream', async () => {
    const sdp = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=stream', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=video 47000 RTP/AVP 96', 'a=rtpmap:96 H264/90000', ''].join('\n');
    const { error, written } = await refusal(await upload('camera.sdp', sdp));
    expect(error.kind).toBe('refers-to-other-files');
    expect(error.reason).toMatch(/network stream \(SDP\), not a recorded video/);
    expect(written).toEqual([]);
  }, 30_000);
});

describe('reading back our own renditions (poster, thumbnails, storyboard)', () => {
  it("never follows a rendition playlist out of the job's output folder", async () => {
    const outputDir = join(work.path, 'job-output');
    await mkdir(join(outputDir, '360p'), { recursive: true });
    const victim = await readFile(join(victimRendition, 'index.m3u8'), 'utf8');
    await writeFile(
      join(outputDir, '360p', 'index.m3u8'),
      victim.replace(/(URI=")?(init\.mp4|seg_\d+\.m4s)/g, (_, uri: string | undefined, name: string) => `${uri ?? ''}${victimRendition}/${name}`),
    );
    const rendition = { name: '360p', width: 320, height: 240 };
    await expect(buildStoryboard({ ffmpegPath: 'ffmpeg', outputDir, rendition, durationSeconds: 2 })).rejects.toThrow(/not a file of its own folder/);
    const renditions = [{ ...rendition, videoBitrate: 500_000, maxRate: 600_000, bufferSize: 1_000_000 }];
    await expect(extractStills({ ffmpegPath: 'ffmpeg', outputDir, renditions, videoDurationSeconds: 2, thumbnailCount: 2 })).rejects.toThrow(/not a file of its own folder/);
    expect((await readdir(outputDir, { recursive: true })).sort()).toEqual(['360p', '360p/index.m3u8', 'thumbnails']);
  });
});
