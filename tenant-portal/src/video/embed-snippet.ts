import type { AccessMode } from '../api/api-types.js';
import { playerSdkUrl } from '../player/load-player-sdk.js';

/** How the tenant wants the player on its page: the embed builder's options. */
export interface EmbedOptions {
  /** Browsers start only muted videos on their own: autoplay mutes as well. */
  autoplay: boolean;
  muted: boolean;
  loop: boolean;
  /** Where playback starts, in whole seconds; 0 for the beginning. */
  startSeconds: number;
  /** Responsive: a 16:9 box as wide as its container; fixed: this many CSS pixels. */
  size: { kind: 'responsive' } | { kind: 'fixed'; width: number; height: number };
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = { autoplay: false, muted: false, loop: false, startSeconds: 0, size: { kind: 'responsive' } };

/**
 * What the tenant replaces with a token its backend signs. Only token videos carry one: viewers of a viewers-only
 * video sign in inside the player.
 */
const PLAYBACK_TOKEN = 'PLAYBACK_TOKEN';

/** The HTML a tenant pastes into its site: the SDK's script tag and the element. */
export function embedSnippet(api: string, videoId: string, accessMode: AccessMode, options: EmbedOptions = DEFAULT_EMBED_OPTIONS): string {
  const attributes = [
    `video-id="${videoId}"`,
    `api="${api}"`,
    ...(accessMode === 'token' ? [`credential="${PLAYBACK_TOKEN}"`] : []),
    ...(options.autoplay ? ['autoplay muted'] : options.muted ? ['muted'] : []),
    ...(options.loop ? ['loop'] : []),
    ...(options.startSeconds > 0 ? [`start-time="${options.startSeconds}"`] : []),
    ...(options.size.kind === 'fixed' ? [`style="width: ${options.size.width}px; height: ${options.size.height}px"`] : []),
  ];
  return `<script src="${playerSdkUrl(api)}" async></script>\n<ott-player ${attributes.join(' ')}></ott-player>`;
}

/** The iframe embed: the platform's embed page, framed; for sites that cannot add scripts. */
export function iframeSnippet(api: string, videoId: string, accessMode: AccessMode, options: EmbedOptions = DEFAULT_EMBED_OPTIONS): string {
  const query = new URLSearchParams();
  if (options.autoplay) query.set('autoplay', '1');
  else if (options.muted) query.set('muted', '1');
  if (options.loop) query.set('loop', '1');
  if (options.startSeconds > 0) query.set('t', String(options.startSeconds));
  if (accessMode === 'token') query.set('token', PLAYBACK_TOKEN);
  const search = query.toString();
  const src = `${api}/embed/${videoId}${search ? `?${search}` : ''}`;
  // The page's full address goes to the embed (not only its origin): checkout brings a viewer who buys back to it.
  const frame = `src="${src}" title="Video" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen referrerpolicy="no-referrer-when-downgrade"`;
  if (options.size.kind === 'fixed') return `<iframe ${frame} width="${options.size.width}" height="${options.size.height}" style="border: 0"></iframe>`;
  return `<div style="position: relative; aspect-ratio: 16 / 9">\n  <iframe ${frame} style="position: absolute; inset: 0; width: 100%; height: 100%; border: 0"></iframe>\n</div>`;
}

/** The video's public watch page (public videos only). */
export function watchPageUrl(api: string, videoId: string): string {
  return `${api}/watch/${videoId}`;
}
