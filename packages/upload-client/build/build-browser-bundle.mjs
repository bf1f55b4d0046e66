#!/usr/bin/env node
// Writes dist/ott-upload.js: the direct-upload client as one script-tag bundle (an IIFE defining `OttUpload`), which
// the API serves at /sdk/ott-upload.js. esbuild takes ~0.1 s, so it simply builds every time it is asked.
// `node packages/upload-client/build/build-browser-bundle.mjs`; `pnpm build` runs it.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const UPLOAD_CLIENT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const UPLOAD_BUNDLE = path.join(UPLOAD_CLIENT_ROOT, 'dist', 'ott-upload.js');

export async function buildUploadBundle() {
  await build({
    entryPoints: [path.join(UPLOAD_CLIENT_ROOT, 'src/browser/ott-upload.ts')],
    outfile: UPLOAD_BUNDLE,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return UPLOAD_BUNDLE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildUploadBundle();
