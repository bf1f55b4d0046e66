// Bundle-size budget, like hls.js's dist-size-budget.json: the SDK's own code (hls.js excluded), minified and
// gzipped, and the whole script-tag bundle, must stay within player-sdk/size-budget.json.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { transformWithEsbuild } from 'vite';
import { beforeAll, expect, it } from 'vitest';
import { ensureBuilt, SDK_DIST, SDK_ROOT } from '../build/ensure-build.mjs';

interface Budget {
  sdkGzipBytes: number;
  iifeGzipBytes: number;
}

const gzipSize = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

beforeAll(() => ensureBuilt(), 180_000);

/** The ES build leaves hls.js external: its modules, minified as a bundler would, are the SDK's own weight. */
async function sdkOnlyGzip(): Promise<number> {
  const files = ['index.js', 'define.js', ...(await readdir(path.join(SDK_DIST, 'chunks'))).filter((name) => name.endsWith('.js')).map((name) => `chunks/${name}`)];
  let sources = '';
  let minified = '';
  for (const file of files) {
    const source = await readFile(path.join(SDK_DIST, file), 'utf8');
    sources += source;
    minified += (await transformWithEsbuild(source, file, { minify: true, format: 'esm' })).code;
  }
  expect(sources, 'the ES build imports hls.js rather than inlining it').toMatch(/from\s*["']hls\.js["']/);
  return gzipSize(minified);
}

it('keeps the SDK code beyond hls.js, and the script-tag bundle, within budget', async () => {
  const budget = JSON.parse(await readFile(path.join(SDK_ROOT, 'size-budget.json'), 'utf8')) as Budget;
  const hlsDist = path.join(path.dirname(createRequire(import.meta.url).resolve('hls.js/package.json')), 'dist');
  const sdk = await sdkOnlyGzip();
  const iife = gzipSize(await readFile(path.join(SDK_DIST, 'ott-player.js')));
  const hlsFull = gzipSize(await readFile(path.join(hlsDist, 'hls.min.js')));
  const hlsLight = gzipSize(await readFile(path.join(hlsDist, 'hls.light.min.js')));
  console.log(
    [
      'player-sdk sizes (minified + gzip -9):',
      `  SDK code beyond hls.js   ${kb(sdk)} (budget ${kb(budget.sdkGzipBytes)})`,
      `  ott-player.js (IIFE)     ${kb(iife)} (budget ${kb(budget.iifeGzipBytes)})`,
      `  for comparison: hls.min.js ${kb(hlsFull)}, hls.light.min.js ${kb(hlsLight)}`,
    ].join('\n'),
  );
  expect(sdk).toBeLessThanOrEqual(budget.sdkGzipBytes);
  expect(iife).toBeLessThanOrEqual(budget.iifeGzipBytes);
  // The script-tag bundle stands alone: no module syntax left, the global is defined.
  const bundle = await readFile(path.join(SDK_DIST, 'ott-player.js'), 'utf8');
  expect(bundle).not.toMatch(/^\s*(import|export)\s/m);
  expect(bundle).toMatch(/var OttPlayer\s*=/);
});
