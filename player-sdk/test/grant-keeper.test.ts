// The grant keeper on its own, against a scripted control plane: a grant is renewed before it ends and the renewal
// continues the load's session; a renewal that fails for want of a network is retried while the grant lasts, one
// the control plane refuses is not; a stopped keeper leaves no timer and hands over nothing more.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GrantKeeper } from '../src/authorize/grant-keeper.js';
import { ErrorCodes } from '../src/errors.js';
import { en } from '../src/i18n/en.js';
import { grantData } from './support/grant-data.js';

type Answer = 'grant' | 'unreachable' | 'forbidden';

/** A response whose body is read in microtasks only, so fake timers step through a whole renewal. */
const answer = (status: number, body: unknown) => ({ ok: status === 200, status, json: async () => body }) as Response;

/** Answers each playback.authorize with the next scripted answer; records the sessions it was asked to continue. */
function controlPlane(answers: Answer[]) {
  const sessions: (string | undefined)[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (_url, init) => {
    sessions.push((JSON.parse(String(init?.body)) as { playbackSession?: string }).playbackSession);
    const next = answers.shift() ?? 'grant';
    if (next === 'unreachable') throw new TypeError('Failed to fetch');
    if (next === 'forbidden') return answer(403, { error: { message: 'You do not have access to this video.', data: { code: 'FORBIDDEN', httpStatus: 403 } } });
    // Renewed when a third of its 12 s remains: 8 s after it is issued.
    return answer(200, { result: { data: { ...grantData(12_000), playbackSession: 'session-1.signature' } } });
  });
  return { fetch, sessions };
}

function keeper(answers: Answer[]) {
  const api = controlPlane(answers);
  const granted = vi.fn();
  const refreshFailed = vi.fn();
  const grants = new GrantKeeper({ api: 'https://api.example', videoId: 'v', credential: 'a.jwt.token', fetch: api.fetch }, { granted, refreshFailed }, en);
  return { grants, api, granted, refreshFailed };
}

afterEach(() => vi.useRealTimers());

describe('GrantKeeper', () => {
  it('renews the grant before it ends, continuing the same playback session', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { grants, api, granted } = keeper(['grant', 'grant']);
    expect(await grants.start()).toEqual({ ok: true });
    expect(granted).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Launch film' }), false);
    await vi.advanceTimersByTimeAsync(7_999);
    expect(api.fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.fetch).toHaveBeenCalledTimes(2);
    expect(api.sessions).toEqual([undefined, 'session-1.signature']);
    expect(granted).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Launch film' }), true);
    grants.stop();
  });

  it('retries a renewal the network lost after 1 s, then 2 s, and reports each failure as not fatal', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { grants, api, granted, refreshFailed } = keeper(['grant', 'unreachable', 'unreachable', 'grant']);
    await grants.start();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(refreshFailed).toHaveBeenCalledWith(expect.objectContaining({ code: ErrorCodes.AUTHORIZE_FAILED, fatal: false }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(api.fetch).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(api.fetch).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.fetch).toHaveBeenCalledTimes(4);
    expect(granted).toHaveBeenLastCalledWith(expect.anything(), true);
    grants.stop();
  });

  it('does not retry a renewal the control plane refused', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { grants, api, refreshFailed } = keeper(['grant', 'forbidden']);
    await grants.start();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(refreshFailed).toHaveBeenCalledWith(expect.objectContaining({ code: ErrorCodes.FORBIDDEN, httpStatus: 403, fatal: false }));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.fetch).toHaveBeenCalledTimes(2);
  });

  it('once stopped, leaves no timer and hands over no grant that arrives late', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { grants, granted } = keeper(['grant']);
    await grants.start();
    const late = grants.refresh();
    grants.stop();
    expect(await late).toEqual({ ok: false, error: undefined });
    expect(granted).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('makes a first grant the control plane refused a fatal error', async () => {
    const { grants, granted } = keeper(['forbidden']);
    expect(await grants.start()).toEqual({ ok: false, error: expect.objectContaining({ code: ErrorCodes.FORBIDDEN, fatal: true, message: 'You do not have access to this video.' }) });
    expect(granted).not.toHaveBeenCalled();
  });
});
