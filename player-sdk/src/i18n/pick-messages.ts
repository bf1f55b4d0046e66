// Which catalogue a player speaks: the `lang` it was given (attribute or option), else the browser's language,
// else English. Only the primary subtag matters ("fr-CA" is French).
import { en } from './en.js';
import { fr } from './fr.js';
import type { PlayerMessages } from './player-messages.js';

const CATALOGUES: Readonly<Record<string, PlayerMessages>> = { en, fr };

/** The languages the player speaks, as primary language subtags. */
export const PLAYER_LANGUAGES: readonly string[] = Object.keys(CATALOGUES);

export function pickMessages(...preferences: (string | null | undefined)[]): PlayerMessages {
  for (const preference of preferences) {
    const primary = preference?.trim().toLowerCase().split(/[-_]/)[0];
    const catalogue = primary ? CATALOGUES[primary] : undefined;
    if (catalogue) return catalogue;
  }
  return en;
}
