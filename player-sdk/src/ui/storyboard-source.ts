// Seek-preview tiles for the grant in force. The storyboard VTT is fetched once, when the viewer first hovers the
// seek bar; its sprite URLs are signed with the current grant, so a hover after a refresh never asks the edge
// with an expired one.
import type { PlaybackGrant } from '../authorize/playback-grant.js';
import { withSigningQuery } from '../authorize/signing-query.js';
import type { PlayerOptions } from '../player-options.js';
import { parseStoryboard, type StoryboardTile } from './storyboard.js';

export class StoryboardSource {
  readonly #options: Pick<PlayerOptions, 'fetch'>;
  #loading: Promise<StoryboardTile[]> | undefined;
  #unsigned: StoryboardTile[] = [];
  #signed: { grant: PlaybackGrant; tiles: StoryboardTile[] } | undefined;

  constructor(options: Pick<PlayerOptions, 'fetch'>) {
    this.#options = options;
  }

  /** The tiles signed for `grant`; empty until loaded (the first call starts loading). */
  tiles(grant: PlaybackGrant | undefined): readonly StoryboardTile[] {
    // None while the video still transcodes; a later grant (refresh) brings it.
    if (!grant?.storyboardVttUrl) return [];
    if (!this.#loading) {
      const vttUrl = grant.storyboardVttUrl;
      const fetcher = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
      this.#loading = fetcher(vttUrl, { credentials: 'omit' })
        .then((response) => (response.ok ? response.text() : ''))
        .then((vtt) => parseStoryboard(vtt, vttUrl))
        .catch(() => []);
      void this.#loading.then((tiles) => {
        this.#unsigned = tiles;
        this.#signed = undefined;
      });
    }
    if (this.#signed?.grant !== grant) this.#signed = { grant, tiles: this.#unsigned.map((tile) => ({ ...tile, image: withSigningQuery(tile.image, grant.query) })) };
    return this.#signed.tiles;
  }
}
