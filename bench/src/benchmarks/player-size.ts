// The player SDK's own code beyond hls.js, gzipped, next to hls.js light (what a page needs at the least to play
// HLS with MSE). Reported, and held to player-sdk/size-budget.json (also checked in CI by the size-budget test).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleSizes } from '@ott/player-sdk/bundle-sizes';
import { ensureBuilt, SDK_ROOT } from '@ott/player-sdk/ensure-build';
import { round, type Benchmark } from '../benchmark.js';

export const playerSize: Benchmark = async () => {
  await ensureBuilt();
  const sizes = await bundleSizes();
  const budgetFile = path.join(SDK_ROOT, 'size-budget.json');
  const budget = JSON.parse(await readFile(budgetFile, 'utf8')) as { sdkGzipBytes: number };
  const kb = (bytes: number) => round(bytes / 1024, 1);
  return {
    name: 'player size',
    ours: { label: 'SDK code beyond hls.js, minified + gzip -9', value: kb(sizes.sdkOnly), unit: 'KB' },
    reference: { label: 'hls.js light, minified + gzip -9', value: kb(sizes.hlsLight), unit: 'KB' },
    ratio: round(sizes.sdkOnly / sizes.hlsLight),
    target: `report; budget ${kb(budget.sdkGzipBytes)} KB checked in CI`,
    met: sizes.sdkOnly <= budget.sdkGzipBytes,
    notes: [`script-tag bundle (full hls.js inside) ${kb(sizes.iife)} KB`, `hls.js full ${kb(sizes.hlsFull)} KB`],
    command: 'npm run bench -- player-size',
  };
};
