// Side-effect entry: `import '@ott/player-sdk/define'` registers <ott-player>.
import { defineOttPlayer } from './define-element.js';

defineOttPlayer();
