// The public sharing addresses of a video, on the API's origin: one place builds and recognises them.
const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const WATCH_PATH = new RegExp(`^/watch/(${ID})$`, 'i');
export const WATCH_POSTER_PATH = new RegExp(`^/watch/(${ID})/poster$`, 'i');
export const EMBED_PATH = new RegExp(`^/embed/(${ID})$`, 'i');

export const watchUrl = (apiUrl: string, videoId: string) => `${apiUrl}/watch/${videoId}`;
export const watchPosterUrl = (apiUrl: string, videoId: string) => `${apiUrl}/watch/${videoId}/poster`;
export const embedUrl = (apiUrl: string, videoId: string) => `${apiUrl}/embed/${videoId}`;
export const oembedUrl = (apiUrl: string, pageUrl: string) => `${apiUrl}/oembed?${new URLSearchParams({ url: pageUrl, format: 'json' }).toString()}`;

/** The video a watch or embed address of this API names, if it is one. */
export function videoIdOfSharingUrl(apiUrl: string, address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(apiUrl).origin) return undefined;
  return (WATCH_PATH.exec(url.pathname) ?? EMBED_PATH.exec(url.pathname))?.[1]?.toLowerCase();
}
