// A storefront title page on a phone, in Debian's Chromium at 390 × 844: bytes transferred, requests and time to first
// frame (navigation start → the player's first `playing`, the viewer tapping Play as soon as it shows), against the
// platform's bare watch page of the same video (the player and a title, nothing else) in the same run. Each load is
// a fresh browser profile (cold caches); the two pages alternate; medians are compared. Bytes and requests are
// counted by the DevTools protocol up to the first frame, the video's own segments included.
import { launchChromium } from '@ott/e2e/support/chromium';
import { ensureBuilt } from '@ott/player-sdk/ensure-build';
import { startBenchPlatform } from '../bench-platform.js';
import { median, round, type Benchmark } from '../benchmark.js';

interface Load {
  firstFrameMs: number;
  bytes: number;
  requests: number;
  htmlBytes: number;
}

// Runs in the page (passed as text: the bench compiles without DOM types): notes the player's first frame.
const WATCH_FIRST_FRAME = `
new MutationObserver(() => {
  const player = document.querySelector('ott-player');
  if (!player || player.dataset.benchWatched) return;
  player.dataset.benchWatched = '1';
  player.addEventListener('playing', () => { if (window.firstFrame === undefined) window.firstFrame = performance.now(); }, { once: true });
}).observe(document, { subtree: true, childList: true });`;

export const storefront: Benchmark = async (options) => {
  await ensureBuilt();
  const runs = options.quick ? 3 : 5;
  const bench = await startBenchPlatform(options, 'storefront');
  const { admin, videoId } = bench;
  const api = bench.platform.apiUrl;
  await admin.catalogue.setMetadata.mutate({ videoId, releaseYear: 2024, maturityRating: 'PG', categories: ['Documentary'], credits: [{ role: 'Director', name: 'A. Bench' }] });
  const row = await admin.collections.create.mutate({ title: 'Featured' });
  await admin.collections.addItem.mutate({ collectionId: row.id, videoId });
  const pages = { storefront: `${api}/store/bench-storefront/title/${videoId}`, watch: `${api}/watch/${videoId}` };

  const load = async (url: string): Promise<Load> => {
    const context = await launchChromium({ viewport: { width: 390, height: 844 } });
    try {
      const tab = context.pages()[0] ?? (await context.newPage());
      await tab.addInitScript(WATCH_FIRST_FRAME);
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Network.enable');
      let bytes = 0;
      let requests = 0;
      let htmlBytes = 0;
      let documentId = '';
      cdp.on('Network.requestWillBeSent', (event: { requestId: string; type?: string }) => {
        requests += 1;
        if (event.type === 'Document' && !documentId) documentId = event.requestId;
      });
      cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
        bytes += event.encodedDataLength;
        if (event.requestId === documentId) htmlBytes = event.encodedDataLength;
      });
      await tab.goto(url);
      await tab.locator('ott-player').getByRole('button', { name: 'Play', exact: true }).first().click({ timeout: 30_000 });
      // Functions, not strings: the store's CSP refuses string evaluation. The bench compiles without DOM types.
      const firstFrame = () => (globalThis as unknown as { firstFrame?: number }).firstFrame;
      await tab.waitForFunction(firstFrame, undefined, { timeout: 30_000 });
      const firstFrameMs = Number(await tab.evaluate(firstFrame));
      return { firstFrameMs, bytes, requests, htmlBytes };
    } finally {
      await context.close();
    }
  };

  try {
    const ours: Load[] = [];
    const reference: Load[] = [];
    await load(pages.storefront);
    await load(pages.watch);
    for (let run = 0; run < runs; run += 1) {
      ours.push(await load(pages.storefront));
      reference.push(await load(pages.watch));
    }
    const med = (loads: readonly Load[], key: keyof Load) => median(loads.map((entry) => entry[key]));
    const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`;
    const oursMs = med(ours, 'firstFrameMs');
    const referenceMs = med(reference, 'firstFrameMs');
    return {
      name: 'storefront',
      ours: { label: `storefront title page, phone (390 px), cold → first frame: ${kb(med(ours, 'bytes'))} in ${med(ours, 'requests')} requests`, value: round(oursMs, 0), unit: 'ms' },
      reference: { label: `the bare watch page of the same video: ${kb(med(reference, 'bytes'))} in ${med(reference, 'requests')} requests`, value: round(referenceMs, 0), unit: 'ms' },
      ratio: round(oursMs / referenceMs),
      target: 'report (≤ 1.2× the watch page)',
      met: oursMs / referenceMs <= 1.2,
      notes: [
        `median of ${runs} cold loads each, alternating; Play tapped as soon as it shows`,
        `HTML: storefront ${kb(med(ours, 'htmlBytes'))}, watch page ${kb(med(reference, 'htmlBytes'))}`,
        `first frame: ours ${ours.map((entry) => Math.round(entry.firstFrameMs)).join('/')} ms; watch page ${reference.map((entry) => Math.round(entry.firstFrameMs)).join('/')} ms`,
        `bytes: ours ${ours.map((entry) => kb(entry.bytes)).join('/')}; watch page ${reference.map((entry) => kb(entry.bytes)).join('/')}`,
      ],
      command: 'npm run bench -- storefront',
    };
  } finally {
    await bench.stop();
  }
};
