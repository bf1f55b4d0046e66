// The sign-in form's look (the paywall's card too), in the player's --ott-* variables and the tenant's accent (--_accent, from .root). While
// it shows, the player grows taller to fit it (a 16:9 box on a phone is too short for a form; max-width keeps the
// aspect ratio from widening it instead) and scrolls inside past that.
export const SIGN_IN_CSS = `
:host([sign-in-open]) { min-height: var(--ott-sign-in-min-height, 380px); max-width: 100%; }
.sign-in, .paywall { position: absolute; inset: 0; z-index: 3; display: grid; place-items: center; padding: 16px; overflow-y: auto; background: var(--ott-sign-in-scrim, rgba(0, 0, 0, 0.62)); }
.sign-in[hidden], .paywall[hidden], .sign-out[hidden] { display: none; }
.sign-in-card { --_accent: var(--ott-accent-color, var(--ott-brand-accent, #3b82f6)); width: min(100%, 360px); display: grid; gap: 10px; padding: 20px; border-radius: var(--ott-radius, 8px); background: var(--ott-sign-in-background, rgba(18, 18, 22, 0.92)); box-shadow: 0 8px 30px rgba(0, 0, 0, 0.5); }
.sign-in-logo { max-height: var(--ott-logo-height, 32px); max-width: 60%; object-fit: contain; justify-self: start; }
.sign-in-heading { margin: 0; font-size: 1.2em; font-weight: 650; }
.sign-in-intro, .sign-in-notice { margin: 0; font-size: 0.92em; opacity: 0.85; }
.sign-in-notice { opacity: 1; font-weight: 600; }
.sign-in-notice[hidden] { display: none; }
.sign-in-field { display: grid; gap: 4px; font-size: 0.92em; }
.sign-in-field small { opacity: 0.7; }
.sign-in-field input { font: inherit; color: inherit; padding: 9px 10px; border-radius: 6px; border: 1px solid rgba(255, 255, 255, 0.28); background: rgba(255, 255, 255, 0.08); min-width: 0; }
.sign-in-field input:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
.sign-in-error { margin: 0; min-height: 0; color: var(--ott-error-color, #fca5a5); font-size: 0.92em; }
.sign-in-error:empty { display: none; }
.sign-in-submit { padding: 10px 14px; border-radius: var(--ott-radius, 8px); background: var(--_accent); font-weight: 650; }
.sign-in-submit:disabled { opacity: 0.7; cursor: progress; }
.sign-in-link { justify-self: start; text-decoration: underline; font-size: 0.92em; opacity: 0.9; }
.sign-out { position: absolute; top: 12px; right: 14px; z-index: 2; padding: 5px 10px; border-radius: var(--ott-radius, 8px); background: rgba(0, 0, 0, 0.55); font-size: 0.85em; transition: opacity 0.25s; }
.top:has(.logo[src]) ~ .sign-out { top: 52px; }
.root[controls-hidden] .sign-out { opacity: 0; pointer-events: none; }
`;
