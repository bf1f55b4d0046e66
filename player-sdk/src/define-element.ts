import { OttPlayerElement } from './ott-player-element.js';

/** Registers <ott-player> once; safe to call from several bundles on one page. */
export function defineOttPlayer(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (registry && !registry.get('ott-player')) registry.define('ott-player', OttPlayerElement);
}
