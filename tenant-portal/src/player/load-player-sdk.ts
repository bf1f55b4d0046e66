// Loads the player SDK the way tenants' sites do: one script tag for `${api}/sdk/ott-player.js`, which
// defines <ott-player>. Loaded once, on the first page that shows a player.

let loading: Promise<void> | undefined;

export function playerSdkUrl(api: string): string {
  return `${api}/sdk/ott-player.js`;
}

export function loadPlayerSdk(api: string): Promise<void> {
  if (customElements.get('ott-player')) return Promise.resolve();
  loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = playerSdkUrl(api);
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      loading = undefined;
      script.remove();
      reject(new Error(`The player could not be loaded from ${script.src}. Reload the page to try again.`));
    };
    document.head.append(script);
  }).then(() => customElements.whenDefined('ott-player').then(() => undefined));
  return loading;
}
