// `cdktf synth` (src/main.ts) as an operator meets it: a configuration problem is a message saying what to do,
// never a Node stack trace.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let folder: string;

function synth(configPath: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts'],
      { cwd: packageRoot, env: { ...process.env, OTT_INFRA_CONFIG: configPath, OTT_INFRA_TENANTS: 'file' } },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode ?? -1, stderr }),
    );
  });
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'ott-synth-entry-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('cdktf synth with a configuration problem', () => {
  it('says which file is missing and how to make it from the example', async () => {
    const missing = path.join(folder, 'infra.json');
    const { code, stderr } = await synth(missing);
    expect(code).toBe(1);
    expect(stderr).toContain(`No infrastructure configuration at ${missing}.`);
    expect(stderr).toContain('Copy tenant-infra/infra.example.json to infra.json');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('names the file that is not JSON, and the field that is wrong', async () => {
    const broken = path.join(folder, 'broken.json');
    await writeFile(broken, '{ "platform": ');
    const notJson = await synth(broken);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain(`${broken} is not valid JSON`);
    expect(notJson.stderr).not.toMatch(/^\s+at /m);

    const wrong = path.join(folder, 'wrong.json');
    const example = JSON.parse(await readFile(path.join(packageRoot, 'infra.example.json'), 'utf8')) as { platform: { accountId: string } };
    await writeFile(wrong, JSON.stringify({ ...example, platform: { ...example.platform, accountId: '12' } }));
    const invalid = await synth(wrong);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`${wrong} is invalid:`);
    expect(invalid.stderr).toContain('platform.accountId: must be a 12-digit AWS account id');
    expect(invalid.stderr).not.toMatch(/^\s+at /m);
  });
});
