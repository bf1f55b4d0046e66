import type { AccessMode } from '../api/api-types.js';

/** Who can watch, in a word: the library's filter, rows and bulk actions say it alike. */
export const ACCESS_LABELS: Record<AccessMode, string> = {
  public: 'Public',
  viewers: 'Viewers',
  token: 'Token',
};

export const ACCESS_MODES = Object.keys(ACCESS_LABELS) as AccessMode[];
