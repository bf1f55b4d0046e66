// Keyboard shortcuts, the ones viewers know from the big video sites. Pure: key in, action out.
export type KeyAction =
  | { type: 'toggle-play' }
  | { type: 'seek-by'; seconds: number }
  | { type: 'seek-to-fraction'; fraction: number }
  | { type: 'volume-by'; delta: number }
  | { type: 'toggle-mute' }
  | { type: 'toggle-fullscreen' }
  | { type: 'toggle-captions' }
  | { type: 'toggle-pip' }
  | { type: 'rate-by'; steps: number };

export function keyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): KeyAction | undefined {
  // Browser and OS shortcuts stay theirs.
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  switch (event.key) {
    case ' ':
    case 'k':
    case 'K':
      return { type: 'toggle-play' };
    case 'ArrowLeft':
      return { type: 'seek-by', seconds: -5 };
    case 'ArrowRight':
      return { type: 'seek-by', seconds: 5 };
    case 'j':
    case 'J':
      return { type: 'seek-by', seconds: -10 };
    case 'l':
    case 'L':
      return { type: 'seek-by', seconds: 10 };
    case 'ArrowUp':
      return { type: 'volume-by', delta: 0.1 };
    case 'ArrowDown':
      return { type: 'volume-by', delta: -0.1 };
    case 'm':
    case 'M':
      return { type: 'toggle-mute' };
    case 'f':
    case 'F':
      return { type: 'toggle-fullscreen' };
    case 'c':
    case 'C':
      return { type: 'toggle-captions' };
    case 'i':
    case 'I':
      return { type: 'toggle-pip' };
    case '<':
      return { type: 'rate-by', steps: -1 };
    case '>':
      return { type: 'rate-by', steps: 1 };
    case 'Home':
      return { type: 'seek-to-fraction', fraction: 0 };
    case 'End':
      return { type: 'seek-to-fraction', fraction: 1 };
    default:
      return /^[0-9]$/.test(event.key) ? { type: 'seek-to-fraction', fraction: Number(event.key) / 10 } : undefined;
  }
}

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** The rate `steps` places away in PLAYBACK_RATES from the nearest one to `rate`. */
export function stepRate(rate: number, steps: number): number {
  let nearest = 0;
  PLAYBACK_RATES.forEach((candidate, index) => {
    if (Math.abs(candidate - rate) < Math.abs((PLAYBACK_RATES[nearest] ?? 1) - rate)) nearest = index;
  });
  const index = Math.min(PLAYBACK_RATES.length - 1, Math.max(0, nearest + steps));
  return PLAYBACK_RATES[index] ?? 1;
}
