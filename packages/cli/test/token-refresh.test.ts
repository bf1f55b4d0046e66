import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccessTokens } from '../src/access-tokens.js';
import { createPublicClient } from '../src/api-client.js';
import { credentialsPath, loadSession, saveSession } from '../src/credentials-store.js';
import { instantClock, run, signIn, testContext } from './helpers/cli-harness.js';
import { startFake } from './helpers/fake-control-plane.js';
import { tempDir } from './helpers/temp-dir.js';

async function setup(accessTokenSeconds?: number, now?: () => number) {
  const server = await startFake(now ? { now } : {});
  const configDir = path.join(await tempDir(), 'config');
  const session = await signIn(server, configDir, accessTokenSeconds);
  return { server, configDir, session, ctx: testContext(server.url, configDir) };
}

describe('admin token refresh', () => {
  it('refreshes a token within a minute of expiry before calling, and saves the new pair at once (0600)', async () => {
    const { server, configDir, session, ctx } = await setup(30);
    const result = await run(['videos', 'list'], ctx);
    expect(result.code).toBe(0);
    expect(server.calls).toEqual(['auth.refresh', 'videos.list']);
    const saved = await loadSession(configDir, server.url);
    expect(saved?.refreshToken).not.toBe(session.refreshToken);
    expect(saved?.accessToken).not.toBe(session.accessToken);
    expect(saved?.email).toBe('owner@acme.test');
    expect((await stat(credentialsPath(configDir))).mode & 0o777).toBe(0o600);
  });

  it('does not refresh a token that has more than a minute left', async () => {
    const { server, ctx } = await setup(120);
    expect((await run(['videos', 'list'], ctx)).code).toBe(0);
    expect(server.calls).toEqual(['videos.list']);
  });

  it('refreshes once and retries when the server answers UNAUTHORIZED', async () => {
    const { server, ctx } = await setup();
    server.forgetAccessTokens();
    const result = await run(['videos', 'list', '--json'], ctx);
    expect(result).toMatchObject({ code: 0, stdout: '[]\n' });
    expect(server.calls).toEqual(['videos.list', 'auth.refresh', 'videos.list']);
  });

  it('stops after one refresh when the server keeps refusing', async () => {
    const { server, ctx } = await setup();
    const original = server.issueSession.bind(server);
    // Every token the server hands out is already unknown to it.
    server.issueSession = (seconds) => {
      const session = original(seconds);
      server.forgetAccessTokens();
      return session;
    };
    server.forgetAccessTokens();
    const result = await run(['videos', 'list'], ctx);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: Sign in again: your session is missing or has expired.\n');
    expect(server.calls).toEqual(['videos.list', 'auth.refresh', 'videos.list']);
  });

  it('forgets a session whose refresh token is refused and says how to sign in again', async () => {
    const { server, configDir, session, ctx } = await setup(30);
    await saveSession(configDir, server.url, { ...session, refreshToken: 'rt-unknown-token' });
    const result = await run(['usage'], ctx);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: your session at ${server.url} has ended (Sign in again: your session is missing or has expired.); run: ott login --tenant acme --email owner@acme.test\n`);
    expect(await loadSession(configDir, server.url)).toBeUndefined();
  });

  it('shares one refresh between concurrent calls', async () => {
    const { server, configDir } = await setup(30);
    const client = createPublicClient({ api: server.url, fetch });
    const tokens = new AccessTokens({ api: server.url, configDir, clock: instantClock }, (refreshToken) => client.auth.refresh.mutate({ refreshToken }));
    const results = await Promise.all([tokens.current(), tokens.current(), tokens.current()]);
    expect(new Set(results).size).toBe(1);
    expect(server.calls).toEqual(['auth.refresh']);
  });

  it('adopts a pair another ott process already rotated instead of reusing the old refresh token', async () => {
    let serverOffset = 0;
    const { server, configDir, session } = await setup(900, () => Date.now() + serverOffset);
    const client = createPublicClient({ api: server.url, fetch });
    const refresh = (refreshToken: string) => client.auth.refresh.mutate({ refreshToken });
    const clockAt = (offsetMs: () => number) => ({ ...instantClock, now: () => Date.now() + offsetMs() });
    let slowOffset = 0;
    const slow = new AccessTokens({ api: server.url, configDir, clock: clockAt(() => slowOffset) }, refresh);
    const other = new AccessTokens({ api: server.url, configDir, clock: clockAt(() => 870_000) }, refresh);
    expect(await slow.current()).toBe(session.accessToken);
    // Fourteen and a half minutes later, another process refreshes first and saves the new pair.
    serverOffset = 870_000;
    const rotated = await other.current();
    slowOffset = 870_000;
    expect(await slow.current()).toBe(rotated);
    expect(server.calls).toEqual(['auth.refresh']);
    expect((await loadSession(configDir, server.url))?.accessToken).toBe(rotated);
  });
});
