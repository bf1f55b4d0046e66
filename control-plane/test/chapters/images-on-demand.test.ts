// Images on demand through the local edge: a signed address from the API, a JPEG of the asked width showing the asked
// moment, made once and then served from the store, refused with a reason for bad parameters and without a signature,
// and counted in the access log like every byte the edge serves.
import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnDemandImages } from '../../src/domain/images/on-demand-images.js';
import { ffmpeg } from '../ffmpeg/fixtures.js';
import { makeClip, probeStreams } from '../support/media-fixtures.js';
import { rest } from '../support/rest-client.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

const exec = promisify(execFile);

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;
let source: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'images');
  source = await makeClip(path.join(platform.dataDir, 'film.mp4'), { seconds: 8, width: 640, height: 360, audio: false });
  videoId = await uploadFile(tenant.admin, source, { title: 'Film', accessMode: 'token' });
  await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the video to be ready', timeoutMs: 120_000 });
});
afterAll(() => platform?.close());

const storedImage = (name: string) => path.join(platform.dataDir, 'store', 't', tenant.session.tenantId, 'v', videoId, 'image', name);

/** SSIM of two pictures of the same size (1 is identical). */
async function similarity(a: string, b: string): Promise<number> {
  const { stderr } = await exec('ffmpeg', ['-hide_banner', '-i', a, '-i', b, '-lavfi', 'ssim', '-f', 'null', '-']);
  return Number(/All:([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN);
}

async function sourceFrame(seconds: number, width: number): Promise<string> {
  const file = path.join(platform.dataDir, `source-${seconds}-${width}.png`);
  await ffmpeg(['-ss', String(seconds), '-i', source, '-frames:v', '1', '-vf', `scale=${width}:-2`, file]);
  return file;
}

describe('images on demand', () => {
  it('makes a JPEG of the asked width at the asked moment, then serves the stored one', async () => {
    const { url } = await tenant.admin.videoImages.url({ videoId, timeSeconds: 3.5, width: 320 });
    expect(url).toMatch(new RegExp(`^${platform.edgeUrl}/t/${tenant.session.tenantId}/v/${videoId}/image/3\\.5/320\\.jpg\\?Policy=`));

    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    // One address whatever the package: a replaced source remakes the image, so caches keep it an hour, not a year.
    expect(first.headers.get('cache-control')).toBe('max-age=3600');
    const jpeg = Buffer.from(await first.arrayBuffer());
    const file = path.join(platform.dataDir, 'made.jpg');
    await writeFile(file, jpeg);
    expect((await probeStreams(file)).map((stream) => [stream.codec_name, stream.width, stream.height])).toEqual([['mjpeg', 320, 180]]);
    // testsrc2 moves every frame: the picture is the source's at 3.5 s, not two seconds later.
    const [atMoment, later] = await Promise.all([sourceFrame(3.5, 320), sourceFrame(5.5, 320)]);
    const [same, other] = await Promise.all([similarity(file, atMoment), similarity(file, later)]);
    expect(same).toBeGreaterThan(0.9);
    expect(same).toBeGreaterThan(other);

    const made = await stat(storedImage('3.5/320.jpg'));
    const second = await fetch(url);
    expect(second.status).toBe(200);
    expect(Buffer.from(await second.arrayBuffer()).equals(jpeg)).toBe(true);
    expect((await stat(storedImage('3.5/320.jpg'))).mtimeMs).toBe(made.mtimeMs);
    const revalidated = await fetch(url, { headers: { 'if-none-match': second.headers.get('etag') ?? '' } });
    expect(revalidated.status).toBe(304);

    const log = path.join(platform.dataDir, 'logs', 'edge-access.jsonl');
    const records = await waitFor(
      async () => {
        const lines = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
        const served = lines.map((line) => JSON.parse(line) as { path: string; status: number; bytes: number }).filter((record) => record.path.endsWith('/image/3.5/320.jpg'));
        return served.length >= 3 ? served : undefined;
      },
      { what: 'the access log' },
    );
    expect(records.map((record) => [record.status, record.bytes])).toEqual([
      [200, jpeg.length],
      [200, jpeg.length],
      [304, 0],
    ]);
  });

  it('refuses bad parameters with a reason, and anyone without a signature', async () => {
    const { url } = await tenant.admin.videoImages.url({ videoId, timeSeconds: 1, width: 160 });
    const [base, query] = url.split('?') as [string, string];
    const at = async (image: string) => {
      const response = await fetch(`${base.replace('image/1/160.jpg', image)}?${query}`);
      return [response.status, (await response.text()).trim()];
    };
    expect(await at('image/1.50/160.jpg')).toEqual([400, '"1.50" is not a time: write seconds with at most three decimals and no extra zeros, for example 12.5 or 0.']);
    expect(await at('image/1/8.jpg')).toEqual([400, 'The width 8 is outside 16–1920 pixels.']);
    expect(await at('image/1/1280.jpg')).toEqual([400, "The width 1280 is wider than the video's largest rendition (640 pixels)."]);
    expect(await at('image/60/160.jpg')).toEqual([400, expect.stringMatching(/^The time 60 s is after the end of the video \(8\.\d{3} s\)\.$/)]);
    expect(await at('image/1/160.png')).toEqual([400, '"160.png" is not a width: write {width}.jpg with the width in pixels, for example 640.jpg.']);

    const unsigned = await fetch(base);
    expect([unsigned.status, (await unsigned.text()).trim()]).toEqual([403, 'missing-credentials']);
    await expect(stat(storedImage('1/160.jpg'))).rejects.toThrow();

    await expect(tenant.admin.videoImages.url({ videoId, timeSeconds: 1, width: 4000 })).rejects.toThrow("The width 4000 is outside 16–640 pixels (the video's largest rendition).");
    const { key } = await tenant.admin.apiKeys.create({ name: 'thumbnails', scopes: ['read'] });
    const overRest = await rest<{ url: string }>(platform.apiUrl, 'GET', `/v1/videos/${videoId}/image-url?time=0&width=64`, { key });
    expect(overRest.status).toBe(200);
    expect((await fetch(overRest.body.url)).headers.get('content-type')).toBe('image/jpeg');
  });

  it('makes at most the allowed number of images at once per tenant, and one image once however often it is asked', async () => {
    const images = new OnDemandImages({ db: platform.database.db, store: platform.app.deps.store, ffmpegPath: 'ffmpeg', concurrentPerTenant: 1 });
    const tenantId = tenant.session.tenantId;
    const answers = await Promise.all([
      images.ensure(tenantId, videoId, ['image', '7', '200.jpg']),
      images.ensure(tenantId, videoId, ['image', '7', '200.jpg']),
      images.ensure(tenantId, videoId, ['image', '6', '200.jpg']),
    ]);
    expect(answers).toEqual([{ kind: 'stored' }, { kind: 'stored' }, { kind: 'refused', status: 503, message: 'Too many images are being made for this workspace right now. Retry in a second.' }]);
    expect(await images.ensure(tenantId, videoId, ['image', '6', '200.jpg'])).toEqual({ kind: 'stored' });
    // The very end of the video still has a picture (its last frame).
    expect(await images.ensure(tenantId, videoId, ['image', '8', '200.jpg'])).toEqual({ kind: 'stored' });
  });
});
