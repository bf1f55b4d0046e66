import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PASSWORD, startFake } from './helpers/fake-control-plane.js';
import { tempDir } from './helpers/temp-dir.js';

const BIN = fileURLToPath(new URL('../bin/ott.mjs', import.meta.url));

function ott(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/ott.mjs', () => {
  it('runs main.ts from any working directory and passes the exit code through', async () => {
    const cwd = await tempDir();
    const help = await ott(['upload', '--help'], {}, cwd);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: ott upload <file>');
    expect(await ott(['nonsense'], {}, cwd)).toEqual({ code: 2, stdout: '', stderr: "error: unknown command 'nonsense'\nRun 'ott --help' for usage.\n" });
  });

  it('reads OTT_API, OTT_CONFIG_DIR and OTT_PASSWORD from the environment', async () => {
    const fake = await startFake();
    const cwd = await tempDir();
    const env = { OTT_API: fake.url, OTT_CONFIG_DIR: path.join(cwd, 'ott-config'), OTT_PASSWORD: PASSWORD };
    const login = await ott(['login', '--tenant', 'acme', '--email', 'owner@acme.test'], env, cwd);
    expect(login).toEqual({ code: 0, stderr: '', stdout: `Signed in to workspace acme at ${fake.url} as owner@acme.test.\n` });
    const usage = JSON.parse((await ott(['usage', '--json'], env, cwd)).stdout) as { usage: { days: unknown[] }; invoicePreview: { totalCents: number }; videos: unknown[] };
    expect(usage).toMatchObject({ invoicePreview: { totalCents: 0 }, videos: [] });
    expect(usage.usage.days).toHaveLength(7);
  });

  it('rejects a malformed OTT_API with exit 2', async () => {
    const cwd = await tempDir();
    expect(await ott(['usage'], { OTT_API: 'not a url' }, cwd)).toEqual({ code: 2, stdout: '', stderr: 'error: OTT_API must be a URL such as http://127.0.0.1:8686\n' });
  });
});
