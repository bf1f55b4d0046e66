import path from 'node:path';
import { createCliContext, type CliContext } from '../../src/cli-context.js';
import { saveSession, storedSessionFrom } from '../../src/credentials-store.js';
import { runCli } from '../../src/main.js';
import { captureOutput, type CapturedOutput } from './capture-output.js';
import { startFake, type FakeControlPlane } from './fake-control-plane.js';
import { tempDir } from './temp-dir.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Polls and backoffs return at once; time itself is real. */
export const instantClock = { now: () => Date.now(), sleep: async () => {} };

export type TestContext = CliContext & { stdout: CapturedOutput; stderr: CapturedOutput };

export function testContext(api: string, configDir: string, extra: Partial<Omit<CliContext, 'stdout' | 'stderr'>> & { tty?: boolean } = {}): TestContext {
  const { tty = false, ...rest } = extra;
  const stdout = captureOutput();
  const stderr = captureOutput(tty);
  return { ...createCliContext({ api, configDir, stdout, stderr, clock: instantClock }), ...rest, stdout, stderr };
}

export async function run(argv: string[], ctx: TestContext): Promise<Run> {
  const before = { stdout: ctx.stdout.text().length, stderr: ctx.stderr.text().length };
  const code = await runCli(argv, ctx);
  return { code, stdout: ctx.stdout.text().slice(before.stdout), stderr: ctx.stderr.text().slice(before.stderr) };
}

/** Starts the test signed in, as `ott login` would leave it. */
export async function signIn(fake: FakeControlPlane, configDir: string, accessTokenSeconds?: number) {
  const session = storedSessionFrom(fake.issueSession(accessTokenSeconds), 'owner@acme.test');
  await saveSession(configDir, fake.url, session);
  return session;
}

/** A fake control plane and a context already signed in to it, with a fresh config folder. */
export async function signedInFake(): Promise<{ server: FakeControlPlane; ctx: TestContext }> {
  const server = await startFake();
  const configDir = path.join(await tempDir(), 'config');
  await signIn(server, configDir);
  return { server, ctx: testContext(server.url, configDir) };
}
