// `<ott-player>` in JSX: the player SDK's custom element (player-sdk/), loaded from `${api}/sdk/ott-player.js`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

interface OttPlayerAttributes extends DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> {
  'video-id': string;
  api: string;
  credential?: string;
  muted?: boolean;
  autoplay?: boolean;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'ott-player': OttPlayerAttributes;
    }
  }
}
