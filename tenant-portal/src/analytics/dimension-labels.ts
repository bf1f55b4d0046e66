import { ANALYTICS_DIMENSIONS, type AnalyticsDimension } from '@ott/contracts';

/** What each breakdown and filter is called on screen. */
export const DIMENSION_LABELS: Record<AnalyticsDimension, string> = {
  country: 'Country',
  deviceType: 'Device type',
  os: 'Operating system',
  browser: 'Browser',
  referrerOrigin: 'Embedding site',
  playerVersion: 'Player version',
  accessMode: 'Access mode',
};

/** The dimensions as a select's choices. */
export const DIMENSION_OPTIONS = ANALYTICS_DIMENSIONS.map((dimension) => ({ value: dimension, label: DIMENSION_LABELS[dimension] }));
