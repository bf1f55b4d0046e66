import { describe, expect, it } from 'vitest';
import { QoeTracker } from '../src/qoe/qoe-tracker.js';

function tracker() {
  let now = 0;
  const clock = { advance: (ms: number) => (now += ms) };
  const qoe = new QoeTracker({ videoId: 'video-1', now: () => now, playerVersion: '1.2.3' });
  qoe.useSession('7d3c1a6e-5b52-4c6b-9a0e-2b1f4c8d9e01');
  return { qoe, clock };
}

describe('QoeTracker', () => {
  it('measures start-up from authorise (autoplay) to the first frame', () => {
    const { qoe, clock } = tracker();
    qoe.playRequested();
    qoe.authorizeStarted();
    clock.advance(640);
    qoe.playing();
    expect(qoe.snapshot().startupMs).toBe(640);
  });

  it('measures start-up from the play press when the viewer pressed play after loading', () => {
    const { qoe, clock } = tracker();
    qoe.authorizeStarted();
    clock.advance(5_000);
    qoe.playRequested();
    clock.advance(120);
    qoe.playing();
    clock.advance(50);
    qoe.playing();
    expect(qoe.snapshot().startupMs).toBe(120);
  });

  it('counts stalls after the first frame, but not the initial load or seeks', () => {
    const { qoe, clock } = tracker();
    qoe.playRequested();
    qoe.waiting(); // initial buffering is start-up, not rebuffering
    clock.advance(300);
    qoe.playing();
    clock.advance(1_000);
    qoe.waiting();
    clock.advance(700);
    qoe.playing();
    qoe.seeking();
    qoe.waiting();
    clock.advance(400);
    qoe.seeked(30);
    qoe.playing();
    qoe.waiting();
    clock.advance(250);
    // An ongoing stall counts up to now.
    expect(qoe.snapshot()).toMatchObject({ rebufferCount: 2, rebufferMs: 950 });
    qoe.timeUpdate(30.2);
    qoe.timeUpdate(30.4);
    clock.advance(1_000);
    expect(qoe.snapshot()).toMatchObject({ rebufferCount: 2, rebufferMs: 950 });
  });

  it('adds up watched media time, skipping seeks and jumps', () => {
    const { qoe } = tracker();
    qoe.playRequested();
    qoe.playing();
    for (const t of [0, 0.25, 0.5, 0.75, 1]) qoe.timeUpdate(t);
    qoe.timeUpdate(60); // a jump (scrub without seeking events) is not watching
    qoe.timeUpdate(60.5);
    qoe.seeking();
    qoe.timeUpdate(10);
    qoe.seeked(10);
    qoe.timeUpdate(10.25);
    expect(qoe.snapshot().watchedSeconds).toBeCloseTo(1.75, 5);
  });

  it('counts on-screen rendition changes after the first, and errors', () => {
    const { qoe } = tracker();
    qoe.qualityShown(2);
    qoe.qualityShown(2);
    qoe.qualityShown(0);
    qoe.qualityShown(1);
    qoe.error();
    expect(qoe.snapshot()).toMatchObject({ bitrateSwitches: 2, errors: 1 });
  });

  it('is not engaged until the viewer tries to play or something fails', () => {
    const { qoe } = tracker();
    expect(qoe.engaged).toBe(false);
    expect(qoe.snapshot()).toEqual({
      sessionId: '7d3c1a6e-5b52-4c6b-9a0e-2b1f4c8d9e01',
      videoId: 'video-1',
      startupMs: null,
      rebufferMs: 0,
      rebufferCount: 0,
      bitrateSwitches: 0,
      errors: 0,
      watchedSeconds: 0,
      // Nothing has played: no place in the video yet.
      positionSeconds: null,
      playerVersion: '1.2.3',
      errorCode: null,
      firstFrameHeight: null,
      renditions: [],
    });
    qoe.error();
    expect(qoe.engaged).toBe(true);
  });

  it('reports a new session (the old one lapsed) from zero, and a renewed one as it was', () => {
    const { qoe, clock } = tracker();
    qoe.playRequested();
    clock.advance(300);
    qoe.playing();
    for (const t of [0, 1, 2, 3]) qoe.timeUpdate(t);
    qoe.error();
    qoe.useSession('7d3c1a6e-5b52-4c6b-9a0e-2b1f4c8d9e01');
    expect(qoe.snapshot()).toMatchObject({ startupMs: 300, watchedSeconds: 3, errors: 1 });

    qoe.useSession('0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f');
    expect(qoe.snapshot()).toEqual({
      sessionId: '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f',
      videoId: 'video-1',
      startupMs: null,
      rebufferMs: 0,
      rebufferCount: 0,
      bitrateSwitches: 0,
      errors: 0,
      watchedSeconds: 0,
      // A new session starts its totals from zero, not the viewer's place in the video.
      positionSeconds: 3,
      playerVersion: '1.2.3',
      errorCode: null,
      firstFrameHeight: null,
      renditions: [],
    });
    qoe.timeUpdate(4);
    qoe.waiting();
    clock.advance(250);
    qoe.playing();
    expect(qoe.snapshot()).toMatchObject({ startupMs: null, watchedSeconds: 1, rebufferCount: 1, rebufferMs: 250, errors: 0, positionSeconds: 4 });
  });

  it('counts the seconds watched in each rendition, the first frame’s rendition and the first error’s code', () => {
    const { qoe, clock } = tracker();
    qoe.qualityShown(1, { height: 720, bitrate: 3_000_000 });
    qoe.playRequested();
    clock.advance(400);
    qoe.playing();
    for (const t of [0, 1, 2]) qoe.timeUpdate(t);
    qoe.qualityShown(0, { height: 1080, bitrate: 6_000_000 });
    for (const t of [3, 4]) qoe.timeUpdate(t);
    qoe.error('networkError');
    qoe.error('mediaError');
    expect(qoe.snapshot()).toMatchObject({
      firstFrameHeight: 720,
      errorCode: 'networkError',
      renditions: [
        { height: 720, bitrateKbps: 3000, seconds: 2 },
        { height: 1080, bitrateKbps: 6000, seconds: 2 },
      ],
    });
  });
});
