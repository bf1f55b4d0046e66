// Quality of experience for one playback session, from the player's own events: start-up time (from the
// moment the viewer wanted to play — load with autoplay, or the play press — to the first frame), rebuffering
// (stalls after the first frame, not waits caused by seeking), rendition switches on screen, errors, and the
// media seconds actually watched. Pure: time comes from the injected clock, events from the player, and the
// session (which the control plane opens with the first grant) from the player too.
import type { QoeReportData } from '../events.js';

/** A jump in media time larger than this between two time updates is a seek, not watching. */
const MAX_WATCH_STEP_SECONDS = 3;

export class QoeTracker {
  readonly #now: () => number;
  readonly #videoId: string;
  #sessionId: string | undefined;
  /** What earlier sessions of this load reported. */
  #before: QoeReportData | undefined;
  #authorizeStartedAt: number | undefined;
  #playRequestedAt: number | undefined;
  #startupMs: number | null = null;
  #stallStartedAt: number | undefined;
  #rebufferMs = 0;
  #rebufferCount = 0;
  #seeking = false;
  #shownQuality: number | undefined;
  #bitrateSwitches = 0;
  #errors = 0;
  #lastMediaTime: number | undefined;
  #watchedSeconds = 0;

  constructor(options: { videoId: string; now: () => number }) {
    this.#videoId = options.videoId;
    this.#now = options.now;
  }

  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  /**
   * The session the totals belong to. A renewed grant continues the session; a new one (the old one lapsed, say
   * while a laptop slept) reports only what happened since: its row must not count again what the old one holds.
   */
  useSession(sessionId: string): void {
    if (this.#sessionId !== undefined && this.#sessionId !== sessionId) this.#before = this.#totals();
    this.#sessionId = sessionId;
  }

  get started(): boolean {
    return this.#startupMs !== null;
  }

  /** Whether the viewer has tried to watch: sessions that never did are not worth reporting. */
  get engaged(): boolean {
    return this.#playRequestedAt !== undefined || this.#errors > 0;
  }

  authorizeStarted(): void {
    this.#authorizeStartedAt ??= this.#now();
  }

  playRequested(): void {
    this.#playRequestedAt ??= this.#now();
  }

  /** A frame is on screen and moving ('playing'). */
  playing(): void {
    const now = this.#now();
    if (this.#startupMs === null && this.#playRequestedAt !== undefined) {
      const from = Math.max(this.#playRequestedAt, this.#authorizeStartedAt ?? this.#playRequestedAt);
      this.#startupMs = Math.max(0, Math.round(now - from));
    }
    this.#endStall(now);
  }

  waiting(): void {
    if (this.#startupMs === null || this.#seeking || this.#stallStartedAt !== undefined) return;
    this.#stallStartedAt = this.#now();
    this.#rebufferCount += 1;
  }

  paused(): void {
    this.#endStall(this.#now());
  }

  seeking(): void {
    this.#seeking = true;
    this.#endStall(this.#now());
  }

  seeked(mediaTime: number): void {
    this.#seeking = false;
    this.#lastMediaTime = mediaTime;
  }

  timeUpdate(mediaTime: number): void {
    const last = this.#lastMediaTime;
    this.#lastMediaTime = mediaTime;
    if (last === undefined || this.#seeking) return;
    const step = mediaTime - last;
    if (step > 0 && step <= MAX_WATCH_STEP_SECONDS) {
      this.#watchedSeconds += step;
      // Time moving again is the surest sign a stall is over (some browsers skip 'playing').
      this.#endStall(this.#now());
    }
  }

  qualityShown(index: number): void {
    if (this.#shownQuality !== undefined && this.#shownQuality !== index) this.#bitrateSwitches += 1;
    this.#shownQuality = index;
  }

  error(): void {
    this.#errors += 1;
  }

  /** Running totals of this session, counting a stall still in progress up to now. */
  snapshot(): QoeReportData {
    const totals = this.#totals();
    const before = this.#before;
    if (!before) return totals;
    return {
      ...totals,
      // The first frame came in an earlier session, or comes in this one.
      startupMs: before.startupMs === null ? totals.startupMs : null,
      rebufferMs: totals.rebufferMs - before.rebufferMs,
      rebufferCount: totals.rebufferCount - before.rebufferCount,
      bitrateSwitches: totals.bitrateSwitches - before.bitrateSwitches,
      errors: totals.errors - before.errors,
      watchedSeconds: Math.round((totals.watchedSeconds - before.watchedSeconds) * 1000) / 1000,
    };
  }

  #totals(): QoeReportData {
    const ongoing = this.#stallStartedAt === undefined ? 0 : this.#now() - this.#stallStartedAt;
    return {
      sessionId: this.#sessionId,
      videoId: this.#videoId,
      startupMs: this.#startupMs,
      rebufferMs: Math.round(this.#rebufferMs + ongoing),
      rebufferCount: this.#rebufferCount,
      bitrateSwitches: this.#bitrateSwitches,
      errors: this.#errors,
      watchedSeconds: Math.round(this.#watchedSeconds * 1000) / 1000,
      positionSeconds: this.#lastMediaTime === undefined ? null : Math.round(this.#lastMediaTime * 10) / 10,
    };
  }

  #endStall(now: number): void {
    if (this.#stallStartedAt === undefined) return;
    this.#rebufferMs += now - this.#stallStartedAt;
    this.#stallStartedAt = undefined;
  }
}
