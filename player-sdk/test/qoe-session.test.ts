// @vitest-environment happy-dom
// The player's QoE beacons carry the signed playback session its grant brought, and nothing is sent without one;
// renewing the grant passes the session back, so one load of a video stays one session.
import { SDK_VERSION } from '../src/version.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPlayer, Events, type QoeReportData } from '../src/index.js';
import { grantData } from './support/grant-data.js';

const SESSION_ID = '7d3c1a6e-5b52-4c6b-9a0e-2b1f4c8d9e01';

const GRANT = grantData();

/** Grants whose tokens name one session (`.grant-1`, `.grant-2` …, as a renewal continues it), unless told otherwise. */
function controlPlane(grant: Partial<typeof GRANT> & { playbackSession?: string | null } = {}) {
  const bodies: { videoId: string; playbackSession?: string }[] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const fetch = vi.fn<typeof globalThis.fetch>(async (_url, init) => {
    bodies.push(JSON.parse(String(init?.body)) as { videoId: string; playbackSession?: string });
    await held;
    return Response.json({ result: { data: { ...GRANT, playbackSession: `${SESSION_ID}.grant-${bodies.length}`, ...grant } } });
  });
  return { fetch, bodies, release };
}

function beacons(): { url: string; body: Record<string, unknown> }[] {
  const sent: { url: string; body: Record<string, unknown> }[] = [];
  Object.defineProperty(window.navigator, 'sendBeacon', {
    configurable: true,
    value: (url: string, body: string) => sent.push({ url, body: JSON.parse(body) as Record<string, unknown> }) > 0,
  });
  return sent;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** What a viewer does: press play, see a frame, watch a second. */
function watch(video: HTMLVideoElement, from: number): void {
  video.dispatchEvent(new Event('play'));
  video.dispatchEvent(new Event('playing'));
  for (const t of [from, from + 0.5, from + 1]) {
    Object.defineProperty(video, 'currentTime', { configurable: true, value: t });
    video.dispatchEvent(new Event('timeupdate'));
  }
}

afterEach(() => document.body.replaceChildren());

describe('QoE beacons', () => {
  it('send the signed session of the grant, never a session of their own, and nothing before there is one', async () => {
    const sent = beacons();
    const api = controlPlane();
    const host = document.body.appendChild(document.createElement('div'));
    const player = createPlayer(host, { videoId: GRANT.videoId, api: 'https://api.example/', fetch: api.fetch, engine: 'native' });
    const reports: QoeReportData[] = [];
    player.on(Events.QOE_REPORT, (report) => reports.push(report));

    // The viewer presses play while the grant is on its way: no session yet, nothing to send.
    watch(player.video, 0);
    window.dispatchEvent(new Event('pagehide'));
    expect(player.sessionId).toBeUndefined();
    expect(sent).toEqual([]);

    api.release();
    await settle();
    expect(player.sessionId).toBe(SESSION_ID);
    window.dispatchEvent(new Event('pagehide'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://api.example/qoe');
    expect(sent[0]!.body).toEqual({
      playbackSession: `${SESSION_ID}.grant-1`,
      videoId: GRANT.videoId,
      startupMs: expect.any(Number),
      rebufferMs: 0,
      rebufferCount: 0,
      bitrateSwitches: 0,
      errors: 0,
      watchedSeconds: 1,
      positionSeconds: 1,
      // What analytics breaks the session down by: this player's version; no error, and no rendition known in this test.
      playerVersion: SDK_VERSION,
      errorCode: null,
      firstFrameHeight: null,
      renditions: [],
    });
    expect(reports).toEqual([expect.objectContaining({ sessionId: SESSION_ID, watchedSeconds: 1 })]);
    player.destroy();
  });

  it('keep one session over a grant renewal: the renewal passes the session back, later beacons carry the renewed token', async () => {
    const sent = beacons();
    const api = controlPlane();
    api.release();
    const host = document.body.appendChild(document.createElement('div'));
    const player = createPlayer(host, { videoId: GRANT.videoId, api: 'https://api.example', fetch: api.fetch, engine: 'native' });
    await settle();
    expect(api.bodies[0]).toEqual({ videoId: GRANT.videoId });
    watch(player.video, 0);

    // A new credential renews the grant under the running stream.
    await player.setCredential('viewer.id.token');
    await settle();
    expect(api.bodies[1]).toEqual({ videoId: GRANT.videoId, credential: 'viewer.id.token', playbackSession: `${SESSION_ID}.grant-1` });
    expect(player.sessionId).toBe(SESSION_ID);
    watch(player.video, 1);
    window.dispatchEvent(new Event('pagehide'));
    expect(sent.map((beacon) => beacon.body.playbackSession)).toEqual([`${SESSION_ID}.grant-2`]);
    expect(sent[0]!.body).toMatchObject({ watchedSeconds: 2 });
    player.destroy();
  });

  it('stay quiet with a control plane that opens no sessions', async () => {
    const sent = beacons();
    const api = controlPlane({ playbackSession: null });
    api.release();
    const host = document.body.appendChild(document.createElement('div'));
    const player = createPlayer(host, { videoId: GRANT.videoId, api: 'https://api.example', fetch: api.fetch, engine: 'native' });
    await settle();
    watch(player.video, 0);
    window.dispatchEvent(new Event('pagehide'));
    expect(player.error).toBeUndefined();
    expect(sent).toEqual([]);
    player.destroy();
  });
});
