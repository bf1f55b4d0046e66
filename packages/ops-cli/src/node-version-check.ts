// Node version against the `engines.node` the repository's package.json states (">=20.19"): the one place it is written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '@ott/tenant-infra';
import { ok, problem, type CheckResult } from './check-result.js';

const CHECK = 'Node version';

export async function repositoryNodeRange(root = REPO_ROOT): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { engines?: { node?: string } };
  const range = manifest.engines?.node;
  if (!range) throw new Error(`${path.join(root, 'package.json')} has no engines.node`);
  return range;
}

/** Only the `>=X[.Y[.Z]]` form the repository uses; anything else is a mistake in package.json worth hearing about. */
export function checkNodeVersion(running: string, range: string): CheckResult {
  const minimum = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!minimum) throw new Error(`engines.node "${range}" is not of the form ">=20.19"`);
  const want = minimum.slice(1).map((part) => Number(part ?? 0));
  const have = running.replace(/^v/, '').split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    const difference = (have[index] ?? 0) - (want[index] ?? 0);
    if (difference > 0) break;
    if (difference < 0)
      return problem(CHECK, `Node ${running} is older than the ${range} the repository needs`, `Install Node ${range.replace('>=', '')} or newer (the images use the same major version).`);
  }
  return ok(CHECK, `Node ${running} (${range})`);
}
