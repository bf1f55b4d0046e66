// The single-file script-tag build: registers <ott-player> and exposes the JS API as `window.OttPlayer`.
import { defineOttPlayer } from './define-element.js';

defineOttPlayer();

export { createPlayer } from './create-player.js';
export { OttPlayer as Player } from './player.js';
export { Events } from './events.js';
export { ErrorCodes, ErrorTypes } from './errors.js';
export { SDK_VERSION as version } from './version.js';
