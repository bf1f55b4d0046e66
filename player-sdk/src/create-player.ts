// The JavaScript way in: `createPlayer(element, options)`. Any element can host a player (it gets a shadow
// root); an <ott-player> element is configured rather than wrapped.
import { defineOttPlayer } from './define-element.js';
import { OttPlayerElement } from './ott-player-element.js';
import { OttPlayer } from './player.js';
import type { PlayerOptions } from './player-options.js';

export function createPlayer(element: HTMLElement, options: PlayerOptions): OttPlayer {
  defineOttPlayer();
  // An <ott-player> would otherwise also start a player of its own from its attributes.
  if (element instanceof OttPlayerElement) return element.load(options);
  return new OttPlayer(element, options);
}
