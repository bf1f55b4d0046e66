// The player's look. Every colour, font and size a tenant may want to change is a `--ott-*` custom property
// set on <ott-player> (they inherit into the shadow root); the tenant's accent colour from its branding
// sits underneath, as `--ott-brand-accent`, so a page's own CSS always wins over the API's branding.
export const PLAYER_CSS = `
:host {
  display: block;
  position: relative;
  aspect-ratio: var(--ott-aspect-ratio, 16 / 9);
  background: var(--ott-background, #000);
  border-radius: var(--ott-radius, 8px);
  overflow: hidden;
  color: var(--ott-control-color, #fff);
  font-family: var(--ott-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--ott-font-size, 14px);
  line-height: 1.3;
  contain: content;
  -webkit-tap-highlight-color: transparent;
}
:host([hidden]) { display: none; }
:host(:focus-visible) { outline: var(--ott-focus-ring, 3px solid var(--_accent)); outline-offset: -3px; }
* { box-sizing: border-box; }
.root {
  --_accent: var(--ott-accent-color, var(--ott-brand-accent, #3b82f6));
  --_control-bg: var(--ott-control-background, linear-gradient(to top, rgba(0, 0, 0, 0.78), rgba(0, 0, 0, 0)));
  --_menu-bg: var(--ott-menu-background, rgba(20, 20, 24, 0.94));
  --_size: var(--ott-control-size, 40px);
  position: absolute;
  inset: 0;
  /* Captions scale with the player's height (cqh). */
  container-type: size;
}
video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; background: transparent; }
button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
button:focus-visible, input:focus-visible, [role="menuitem"]:focus-visible, [role="menuitemradio"]:focus-visible { outline: var(--ott-focus-ring, 2px solid var(--_accent)); outline-offset: 2px; border-radius: 4px; }
.root[controls-hidden] { cursor: none; }

.top { position: absolute; inset: 0 0 auto 0; display: flex; align-items: flex-start; justify-content: space-between; gap: 12px; padding: 12px 14px; pointer-events: none; background: linear-gradient(to bottom, rgba(0, 0, 0, 0.55), rgba(0, 0, 0, 0)); transition: opacity 0.25s; }
.title { font-weight: 600; font-size: 1.1em; text-shadow: 0 1px 2px rgba(0, 0, 0, 0.6); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.logo { max-height: var(--ott-logo-height, 32px); max-width: 30%; object-fit: contain; margin-left: auto; }
.logo:not([src]) { display: none; }
.platform-mark { position: absolute; right: 12px; bottom: calc(var(--_size) + 26px); font-size: 11px; letter-spacing: 0.04em; opacity: 0.7; pointer-events: none; transition: opacity 0.25s; }
.platform-mark[hidden] { display: none; }

.big-play { position: absolute; left: 50%; top: 50%; width: 72px; height: 72px; margin: -36px 0 0 -36px; border-radius: 50%; background: var(--_accent); display: grid; place-items: center; box-shadow: 0 4px 18px rgba(0, 0, 0, 0.4); transition: transform 0.15s, opacity 0.2s; }
.big-play svg { width: 36px; height: 36px; }
.big-play:hover { transform: scale(1.06); }
/* Centred above the controls (their height is the bar, the seek row and the paddings), never over the seek bar. */
.root[narrow] .big-play { width: 48px; height: 48px; margin: -24px 0 0 -24px; top: calc((100% - var(--_size) - 52px) / 2); }
.root[narrow] .big-play svg { width: 26px; height: 26px; }
.root:not([paused]) .big-play, .root[errored] .big-play, .root:not([ready]) .big-play { opacity: 0; pointer-events: none; }

/* Captions, drawn by caption-cues.ts: above the controls while they show; size and background are the viewer's. */
.cues { position: absolute; inset: auto 5% 5% 5%; display: flex; flex-direction: column; align-items: center; gap: 0.15em; text-align: center; white-space: pre-line; pointer-events: none; color: var(--ott-captions-color, #fff); font-family: var(--ott-captions-font-family, inherit); font-size: calc(var(--_cue-scale, 1) * max(13px, 5cqh)); line-height: 1.25; transition: bottom 0.25s; }
.cues > span { padding: 0.08em 0.4em; border-radius: 3px; background: var(--ott-captions-background, rgba(0, 0, 0, 0.78)); }
.root[ready]:not([controls-hidden]) .cues { bottom: calc(var(--_size) + 38px); }
.root[captions-size="small"] .cues { --_cue-scale: 0.75; }
.root[captions-size="large"] .cues { --_cue-scale: 1.4; }
.root[captions-background="off"] .cues > span { background: none; text-shadow: 0 0 3px #000, 0 0 2px #000, 0 0 1px #000; }

.spinner { position: absolute; left: 50%; top: 50%; width: 48px; height: 48px; margin: -24px 0 0 -24px; border-radius: 50%; border: 4px solid rgba(255, 255, 255, 0.25); border-top-color: var(--_accent); animation: spin 0.9s linear infinite; opacity: 0; pointer-events: none; transition: opacity 0.2s; }
.root[waiting]:not([errored]) .spinner { opacity: 1; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }

.message { position: absolute; inset: 0; display: none; place-content: center; justify-items: center; gap: 14px; padding: 24px; text-align: center; background: rgba(0, 0, 0, 0.72); }
.root[errored] .message { display: grid; }
.message p { margin: 0; max-width: 34em; font-size: 1.15em; }
.message button { padding: 8px 18px; border-radius: var(--ott-radius, 8px); background: var(--_accent); font-weight: 600; }
.message button[hidden] { display: none; }

.controls { position: absolute; inset: auto 0 0 0; padding: 28px 10px 6px; background: var(--_control-bg); transition: opacity 0.25s; }
.root[controls-hidden] .controls, .root[controls-hidden] .top, .root[controls-hidden] .platform-mark, .root[errored] .controls, .root:not([ready]) .controls { opacity: 0; pointer-events: none; }
.root[controls-hidden] .top { opacity: 0; }
.bar { display: flex; align-items: center; gap: 2px; height: var(--_size); }
.bar button { width: var(--_size); height: var(--_size); display: grid; place-items: center; border-radius: var(--ott-radius, 8px); }
.bar button:hover { background: rgba(255, 255, 255, 0.12); }
.bar button[hidden] { display: none; }
/* Nothing shrinks: fit-controls.ts measures what overflows and moves it into the "⋯" menu. */
.bar > * { flex-shrink: 0; }
.bar [overflowed] { display: none; }
.root[compact-volume] .volume { display: none; }
.root[compact-time] .time-total, .time-total[hidden] { display: none; }
.root[narrow] .time { padding: 0 4px; }
.bar .text-button { width: auto; min-width: var(--_size); padding: 0 8px; font-weight: 600; font-size: 0.92em; }
.time { padding: 0 8px; font-variant-numeric: tabular-nums; white-space: nowrap; }
.spacer { flex: 1; }
.play-button .pause-icon, .root[paused] .play-button .play-icon { display: block; }
.play-button .play-icon, .root[paused] .play-button .pause-icon { display: none; }
.mute-button .muted-icon, .root[muted] .mute-button .volume-icon { display: none; }
.root[muted] .mute-button .muted-icon { display: block; }
.fullscreen-button .exit-icon, .root[fullscreen] .fullscreen-button .enter-icon { display: none; }
.root[fullscreen] .fullscreen-button .exit-icon { display: block; }
.root[captions-on] .captions-button { color: var(--_accent); }

input[type="range"] { accent-color: var(--_accent); cursor: pointer; margin: 0; background: transparent; }
.volume { width: 80px; }
.seek-wrap { position: relative; height: 18px; display: flex; align-items: center; }
.seek { width: 100%; }
.chapter-marks { position: absolute; inset: 0; pointer-events: none; }
.chapter-marks > span { position: absolute; top: 5px; bottom: 5px; width: 2px; margin-left: -1px; background: var(--ott-chapter-mark-color, rgba(0, 0, 0, 0.7)); z-index: 1; }
.preview-chapter { max-width: 22em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; text-shadow: 0 1px 2px #000; }
.preview-chapter:empty { display: none; }
.preview { position: absolute; bottom: 26px; display: none; flex-direction: column; align-items: center; gap: 4px; transform: translateX(-50%); pointer-events: none; }
.seek-wrap[previewing] .preview { display: flex; }
.preview-image { border: 2px solid var(--ott-control-color, #fff); border-radius: 4px; background-color: #000; background-repeat: no-repeat; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.5); }
.preview-image:not([style*="background-image"]) { display: none; }
.preview-time { padding: 1px 6px; border-radius: 4px; background: rgba(0, 0, 0, 0.8); font-variant-numeric: tabular-nums; font-size: 0.9em; }

.menu { position: absolute; right: 10px; bottom: calc(var(--_size) + 34px); min-width: 160px; max-height: calc(100% - var(--_size) - 48px); overflow-y: auto; padding: 6px; border-radius: var(--ott-radius, 8px); background: var(--_menu-bg); box-shadow: 0 6px 24px rgba(0, 0, 0, 0.5); }
.menu[hidden] { display: none; }
.menu h2 { margin: 4px 10px 6px; font-size: 0.8em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; opacity: 0.7; }
.root[narrow] .menu { bottom: 8px; max-height: calc(100% - 16px); }
.menu [role="menuitem"], .menu [role="menuitemradio"] { display: flex; width: 100%; align-items: center; gap: 8px; padding: 7px 10px; border-radius: 6px; text-align: left; }
.menu [role="menuitemradio"]::before { content: ""; width: 8px; height: 8px; border-radius: 50%; flex: none; }
.menu [role="menuitemradio"][aria-checked="true"]::before { background: var(--_accent); }
.menu [role="menuitem"]:hover, .menu [role="menuitem"]:focus, .menu [role="menuitemradio"]:hover, .menu [role="menuitemradio"]:focus { background: rgba(255, 255, 255, 0.12); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
