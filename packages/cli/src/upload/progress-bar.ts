// One progress line: redrawn in place with `\r` on a terminal, or a plain line per tenth (and per milestone)
// when the output is a file or a CI log, where carriage returns would pile up.
import type { Output } from '../cli-context.js';

export interface ProgressBar {
  /** `fraction` in 0..1; `milestone` forces a line in plain mode (a status change, say). */
  update(fraction: number, detail: string, milestone?: boolean): void;
  /** Draws the final state and ends the line. */
  finish(detail: string): void;
  /** Ends the line where it stands, so that an error message starts on a line of its own. */
  interrupt(): void;
}

const REDRAW_MS = 100;

export function createProgressBar(out: Output, label: string, now: () => number): ProgressBar {
  return out.isTTY ? terminalBar(out, label, now) : plainBar(out, label);
}

function terminalBar(out: Output, label: string, now: () => number): ProgressBar {
  let drawnAt = Number.NEGATIVE_INFINITY;
  let open = false;
  const draw = (fraction: number, detail: string) => {
    const text = `${percent(fraction).padStart(4)} ${detail}`;
    const room = (out.columns ?? 80) - label.length - text.length - 5;
    const width = Math.max(10, Math.min(40, room));
    const filled = Math.round(clamp(fraction) * width);
    out.write(`\r\x1b[K${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`);
    open = true;
  };
  const endLine = () => {
    if (open) out.write('\n');
    open = false;
  };
  return {
    update(fraction, detail) {
      if (now() - drawnAt < REDRAW_MS) return;
      drawnAt = now();
      draw(fraction, detail);
    },
    finish(detail) {
      draw(1, detail);
      endLine();
    },
    interrupt: endLine,
  };
}

function plainBar(out: Output, label: string): ProgressBar {
  let printedTenth = -1;
  let printedFull = false;
  const print = (fraction: number, detail: string) => {
    printedTenth = Math.floor(clamp(fraction) * 10);
    printedFull = fraction >= 1;
    out.write(`${label} ${percent(fraction)} ${detail}\n`);
  };
  return {
    update(fraction, detail, milestone = false) {
      if (milestone || Math.floor(clamp(fraction) * 10) > printedTenth) print(fraction, detail);
    },
    finish(detail) {
      if (!printedFull) print(1, detail);
    },
    interrupt() {},
  };
}

function clamp(fraction: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
}

function percent(fraction: number): string {
  return `${Math.floor(clamp(fraction) * 100)}%`;
}
