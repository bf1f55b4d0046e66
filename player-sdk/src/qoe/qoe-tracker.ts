// Quality of experience for one playback session, from the player's own events: start-up time (from the
// moment the viewer wanted to play — load with autoplay, or the play press — to the first frame), rebuffering
// (stalls after the first frame, not waits caused by seeking), rendition switches on screen, errors, and the
// media seconds actually watched (in all, and per rendition: height and bitrate), the rendition of the first frame
// and the first error's code, with the player's version for analytics. Pure: time comes from the injected clock, events from the player, and the
// session (which the control plane opens with the first grant) from the player too.
import type { QoeReportData, QoeRendition } from '../events.js';

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
  readonly #playerVersion: string;
  #errorCode: string | null = null;
  /** The rendition on screen, and the seconds watched in each (by height). */
  #rendition: { height: number; bitrateKbps: number } | undefined;
  #firstFrameHeight: number | null = null;
  readonly #renditions = new Map<number, QoeRendition>();

  constructor(options: { videoId: string; now: () => number; playerVersion: string }) {
    this.#videoId = options.videoId;
    this.#now = options.now;
    this.#playerVersion = options.playerVersion;
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
      this.#firstFrameHeight = this.#rendition?.height ?? null;
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
      if (this.#rendition) {
        const { height, bitrateKbps } = this.#rendition;
        const watched = this.#renditions.get(height) ?? { height, bitrateKbps, seconds: 0 };
        this.#renditions.set(height, { ...watched, seconds: watched.seconds + step });
      }
      // Time moving again is the surest sign a stall is over (some browsers skip 'playing').
      this.#endStall(this.#now());
    }
  }

  /** `rendition`: the one on screen now (its height, and its peak bitrate in bits per second). */
  qualityShown(index: number, rendition?: { height: number; bitrate: number }): void {
    if (this.#shownQuality !== undefined && this.#shownQuality !== index) this.#bitrateSwitches += 1;
    this.#shownQuality = index;
    if (rendition && rendition.height > 0 && rendition.bitrate > 0) this.#rendition = { height: rendition.height, bitrateKbps: Math.max(1, Math.round(rendition.bitrate / 1000)) };
  }

  error(code?: string): void {
    this.#errors += 1;
    this.#errorCode ??= code ?? null;
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
      firstFrameHeight: before.startupMs === null ? totals.firstFrameHeight : null,
      errorCode: totals.errors > before.errors ? totals.errorCode : null,
      renditions: totals.renditions
        .map((rendition) => ({ ...rendition, seconds: Math.round((rendition.seconds - (before.renditions.find((earlier) => earlier.height === rendition.height)?.seconds ?? 0)) * 1000) / 1000 }))
        .filter((rendition) => rendition.seconds > 0),
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
      playerVersion: this.#playerVersion,
      errorCode: this.#errorCode,
      firstFrameHeight: this.#firstFrameHeight,
      renditions: [...this.#renditions.values()].map((rendition) => ({ ...rendition, seconds: Math.round(rendition.seconds * 1000) / 1000 })),
    };
  }

  #endStall(now: number): void {
    if (this.#stallStartedAt === undefined) return;
    this.#rebufferMs += now - this.#stallStartedAt;
    this.#stallStartedAt = undefined;
  }
}
