// Which engine feeds the <video>: the one the page forced, else hls.js where Media Source Extensions exist, else
// the browser's own HLS (Safari on iPhone).
import type { HlsConfig } from 'hls.js';
import type { PlayerOptions } from '../player-options.js';
import { HlsEngine } from './hls-engine.js';
import { NativeEngine } from './native-engine.js';
import type { EngineHost, PlaybackEngine } from './playback-engine.js';

export interface EngineChoice {
  engine: PlayerOptions['engine'];
  hlsConfig: Partial<HlsConfig> | undefined;
  /** Seconds into the video where hls.js starts loading. */
  startPosition: number;
}

/** Throws when this browser can play HLS neither way; the message is for the viewer. */
export function createEngine(host: EngineHost, { engine = 'auto', hlsConfig, startPosition }: EngineChoice): PlaybackEngine {
  if (engine === 'hls.js' || (engine === 'auto' && HlsEngine.isSupported())) return new HlsEngine(host, { startPosition, ...hlsConfig });
  if (engine === 'native' || NativeEngine.isSupported(host.video)) return new NativeEngine(host);
  throw new Error(host.messages.errorUnsupportedBrowser);
}
