// The public API report, in the spirit of hls.js's api-extractor report: the SDK's exported declarations,
// rolled into one .d.ts and checked in, so a change to what embedders can use shows up in review.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = path.join(root, 'api-report', 'player-sdk.api.d.ts');

it('matches the checked-in API report (update with `pnpm --filter @ott/player-sdk api-report` and review the diff)', async () => {
  const scratch = await mkdtemp(path.join(tmpdir(), 'ott-api-report-'));
  try {
    const generated = path.join(scratch, 'api.d.ts');
    const bin = path.join(root, 'node_modules', '.bin', 'dts-bundle-generator');
    await promisify(execFile)(
      bin,
      ['--project', 'tsconfig.build.json', '--no-banner', '--no-check', '--export-referenced-types', 'false', '--external-inlines', '@ott/contracts', '-o', generated, 'src/index.ts'],
      { cwd: root },
    );
    expect(await readFile(generated, 'utf8')).toBe(await readFile(REPORT, 'utf8'));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
