// Gzip sizes (level 9) of what a page downloads: the SDK's own code beyond hls.js (its ES build minified as a
// bundler would), the script-tag bundle, and hls.js full and light for comparison. Used by the size-budget test
// and by `npm run bench -- player-size`.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { transformWithEsbuild } from 'vite';
import { SDK_DIST } from './ensure-build.mjs';

const gzipSize = (content) => gzipSync(content, { level: 9 }).length;

export async function bundleSizes() {
  const files = ['index.js', 'define.js', ...(await readdir(path.join(SDK_DIST, 'chunks'))).filter((name) => name.endsWith('.js')).map((name) => `chunks/${name}`)];
  let minified = '';
  let importsHls = false;
  for (const file of files) {
    const source = await readFile(path.join(SDK_DIST, file), 'utf8');
    importsHls ||= /from\s*["']hls\.js["']/.test(source);
    minified += (await transformWithEsbuild(source, file, { minify: true, format: 'esm' })).code;
  }
  const hlsDist = path.join(path.dirname(createRequire(import.meta.url).resolve('hls.js/package.json')), 'dist');
  return {
    /** False would mean hls.js got inlined into the ES build, and sdkOnly would not be the SDK alone. */
    importsHls,
    sdkOnly: gzipSize(minified),
    iife: gzipSize(await readFile(path.join(SDK_DIST, 'ott-player.js'))),
    hlsFull: gzipSize(await readFile(path.join(hlsDist, 'hls.min.js'))),
    hlsLight: gzipSize(await readFile(path.join(hlsDist, 'hls.light.min.js'))),
  };
}
