// Time to first frame in Debian's Chromium: a page with `<ott-player>` (script tag from the API, autoplay muted)
// against a bare hls.js (light) page that does the same authorise call and loads the same stream. Each run is a
// fresh browser profile (cold caches), the two pages alternate, and the medians are compared.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort } from '@ott/control-plane/internals/free-port';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import { launchChromium } from '@ott/e2e/support/chromium';
import { startBenchPlatform } from '../bench-platform.js';
import { median, round, type Benchmark } from '../benchmark.js';

export const playerStart: Benchmark = async (options) => {
  await ensureBuilt();
  const runs = options.quick ? 3 : 7;
  const bench = await startBenchPlatform(options, 'player-start');
  const hlsLight = await readFile(path.join(path.dirname(createRequire(import.meta.url).resolve('hls.js/package.json')), 'dist', 'hls.light.min.js'));
  const api = bench.platform.apiUrl;
  const pages: Record<string, string> = {
    '/ott.html': `<!doctype html><body><ott-player video-id="${bench.videoId}" api="${api}" autoplay muted style="width:640px"></ott-player>
<script src="${api}/sdk/ott-player.js"></script>
<script>document.querySelector('ott-player').addEventListener('playing', () => { window.firstFrame = performance.now(); }, { once: true });</script></body>`,
    '/bare.html': `<!doctype html><body><video muted autoplay style="width:640px"></video><script src="/hls.light.min.js"></script>
<script>
const video = document.querySelector('video');
video.addEventListener('playing', () => { window.firstFrame = performance.now(); }, { once: true });
fetch('${api}/trpc/playback.authorize', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ videoId: '${bench.videoId}' }) })
  .then((response) => response.json())
  .then(({ result }) => { const hls = new Hls(); hls.loadSource(result.data.signedManifestUrl); hls.attachMedia(video); });
</script></body>`,
  };
  const port = await freePort();
  const site = createServer((request, response) => {
    const page = pages[request.url ?? ''];
    if (page) return void response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (request.url === '/hls.light.min.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(hlsLight);
    response.writeHead(404).end();
  }).listen(port, '127.0.0.1');
  const firstFrame = async (page: string): Promise<number> => {
    const context = await launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] });
    try {
      const tab = context.pages()[0] ?? (await context.newPage());
      await tab.goto(`http://127.0.0.1:${port}${page}`);
      // Evaluated in the page, where `window` exists; passed as text because the bench compiles without DOM types.
      await tab.waitForFunction('window.firstFrame !== undefined', undefined, { timeout: 30_000 });
      return Number(await tab.evaluate('window.firstFrame'));
    } finally {
      await context.close();
    }
  };
  try {
    const ours: number[] = [];
    const reference: number[] = [];
    await firstFrame('/ott.html');
    await firstFrame('/bare.html');
    for (let run = 0; run < runs; run += 1) {
      ours.push(await firstFrame('/ott.html'));
      reference.push(await firstFrame('/bare.html'));
    }
    const oursMs = median(ours);
    const referenceMs = median(reference);
    return {
      name: 'player start',
      ours: { label: '`<ott-player>` page → first frame (authorise included)', value: round(oursMs, 0), unit: 'ms' },
      reference: { label: 'bare hls.js light page, same authorise and stream', value: round(referenceMs, 0), unit: 'ms' },
      ratio: round(oursMs / referenceMs),
      target: '≤ 1.10×',
      met: oursMs / referenceMs <= 1.1,
      notes: [`median of ${runs} cold starts each, alternating`, `ours ${ours.map((value) => Math.round(value)).join('/')} ms; bare ${reference.map((value) => Math.round(value)).join('/')} ms`],
      command: 'npm run bench -- player-start',
    };
  } finally {
    site.close();
    await bench.stop();
  }
};
