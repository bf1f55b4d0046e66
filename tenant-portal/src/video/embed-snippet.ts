import type { AccessMode } from '../api/api-types.js';
import { playerSdkUrl } from '../player/load-player-sdk.js';

/** The HTML a tenant pastes into its site: the SDK's script tag and the element. */
export function embedSnippet(api: string, videoId: string, accessMode: AccessMode): string {
  const credential = accessMode === 'public' ? '' : ` credential="${accessMode === 'viewers' ? 'VIEWER_ID_TOKEN' : 'PLAYBACK_TOKEN'}"`;
  return `<script src="${playerSdkUrl(api)}" async></script>\n<ott-player video-id="${videoId}" api="${api}"${credential}></ott-player>`;
}
