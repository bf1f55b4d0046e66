// What source-tracks.ts reads from common sources, for tests of the jobs built from it.
import type { SourceTracks } from '../../../src/adapters/aws/mediaconvert/source-tracks.js';

/** A film with one stereo English track and nothing else. */
export const STEREO_ENGLISH: SourceTracks = {
  audio: [{ track: 1, iso639: 'eng', language: 'en', name: 'English', channels: 2, isDefault: true }],
  embeddedCaptions: undefined,
  range: 'SDR',
  notes: [],
};

/** A silent film. */
export const SILENT: SourceTracks = { audio: [], embeddedCaptions: undefined, range: 'SDR', notes: [] };
