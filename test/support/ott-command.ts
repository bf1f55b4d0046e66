// Runs the `ott` command as a user would (its own node process, bin/ott.mjs) against a platform, signed in through
// a config folder under the test's data folder; answers its exit code and output rather than throwing.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ottBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/cli/bin/ott.mjs');

export interface OttAnswer {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runOtt(where: { apiUrl: string; dataDir: string; env?: Record<string, string> }, args: readonly string[]): Promise<OttAnswer> {
  const env = { ...process.env, OTT_API: where.apiUrl, OTT_CONFIG_DIR: path.join(where.dataDir, 'cli'), OTT_PASSWORD: 'a long enough password', ...where.env };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [ottBin, ...args], { env, cwd: where.dataDir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as OttAnswer;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
