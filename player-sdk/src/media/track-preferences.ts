// The viewer's choices that follow them from video to video on a site: captions (a language or "off"), audio
// language, and how captions look. Kept in the page's localStorage; where it is refused (sandboxed frames, full
// storage) the choice holds for the current video only.
export type PreferenceName = 'captions' | 'audio' | 'captions-size' | 'captions-background';

const PREFIX = 'ott-player:';

export function remembered(storage: Storage | undefined, name: PreferenceName): string | undefined {
  try {
    return storage?.getItem(PREFIX + name) ?? undefined;
  } catch {
    return undefined;
  }
}

export function remember(storage: Storage | undefined, name: PreferenceName, value: string): void {
  try {
    storage?.setItem(PREFIX + name, value);
  } catch {
    // Refused or full: see above.
  }
}
