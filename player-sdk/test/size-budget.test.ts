// Bundle-size budget, like hls.js's dist-size-budget.json: the SDK's own code (hls.js excluded), minified and
// gzipped, and the whole script-tag bundle, must stay within player-sdk/size-budget.json.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { bundleSizes } from '../build/bundle-sizes.mjs';
import { ensureBuilt, SDK_DIST, SDK_ROOT } from '../build/ensure-build.mjs';

interface Budget {
  sdkGzipBytes: number;
  iifeGzipBytes: number;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

beforeAll(() => ensureBuilt(), 180_000);

it('keeps the SDK code beyond hls.js, and the script-tag bundle, within budget', async () => {
  const budget = JSON.parse(await readFile(path.join(SDK_ROOT, 'size-budget.json'), 'utf8')) as Budget;
  const { importsHls, sdkOnly: sdk, iife, hlsFull, hlsLight } = await bundleSizes();
  expect(importsHls, 'the ES build imports hls.js rather than inlining it').toBe(true);
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
