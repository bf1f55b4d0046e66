// Narrow players (phones, sidebars; down to 280 px): what gives way when the control bar does not fit. First the
// volume slider (the mute button stays), then the time display shortens to the current time, then controls move
// into the "⋯" menu, least used first. Fullscreen, play and mute never move. Measured, not guessed from
// breakpoints: which controls show depends on the video (qualities, captions) and on the page's CSS.

/** Controls that may move into the overflow menu, in the order they give way. */
export const OVERFLOW_ORDER = ['pip', 'chapters', 'audio', 'captions', 'quality', 'rate'] as const;
export type OverflowControl = (typeof OVERFLOW_ORDER)[number];

/** Attributes on `.root` that make the bar smaller before any control moves. */
const COMPACT_STEPS = ['compact-volume', 'compact-time'] as const;

/** Below this width the big play button shrinks and sits above the controls, clear of the seek bar. */
const NARROW_WIDTH = 480;

/** Lays the bar out for the root's current width; returns the controls that went into the overflow menu. */
export function fitControls(root: HTMLElement): OverflowControl[] {
  const bar = root.querySelector<HTMLElement>('.bar');
  const more = root.querySelector<HTMLElement>('.more-button');
  if (!bar || !more) return [];
  root.toggleAttribute('narrow', root.clientWidth < NARROW_WIDTH);
  for (const step of COMPACT_STEPS) root.removeAttribute(step);
  const buttons = OVERFLOW_ORDER.map((name) => ({ name, button: bar.querySelector<HTMLElement>(`.${name}-button`) }));
  for (const { button } of buttons) button?.removeAttribute('overflowed');
  more.hidden = true;
  const fits = () => bar.scrollWidth <= bar.clientWidth;
  for (const step of COMPACT_STEPS) {
    if (fits()) return [];
    root.setAttribute(step, '');
  }
  const overflowed: OverflowControl[] = [];
  for (const { name, button } of buttons) {
    if (fits()) break;
    if (!button || button.hidden) continue;
    button.setAttribute('overflowed', '');
    more.hidden = false;
    overflowed.push(name);
  }
  return overflowed;
}
