// A tenant's own website, for browser tests: a page on another site than the API and the edge (so cookies for
// them are third-party) that embeds the player exactly as the snippet says — the SDK's script tag from the
// API, then <ott-player>, or the JS API. Chromium maps the made-up host name to this server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const EMBED_SITE_HOST = 'tenant-site.test';
/** Chromium switch that sends the embed site's host name to 127.0.0.1 (pass to launchChromium's args). */
export const EMBED_SITE_RESOLVER_ARG = `--host-resolver-rules=MAP ${EMBED_SITE_HOST} 127.0.0.1`;

export interface EmbedPage {
  videoId: string;
  /** Attributes of <ott-player> besides video-id and api, e.g. `muted autoplay`. */
  attributes?: string;
  /** Use `OttPlayer.createPlayer(div, options)` with these options instead of the element's attributes. */
  createPlayerOptions?: Record<string, unknown>;
  /** The site's own markup instead of the SDK and the player (an iframe embed, pasted from the portal or oEmbed). */
  html?: string;
}

export interface EmbedSite {
  origin: string;
  /** URL of a page embedding `page`. */
  url(page: EmbedPage): string;
  close(): Promise<void>;
}

export async function startEmbedSite(apiUrl: string): Promise<EmbedSite> {
  const pages = new Map<string, EmbedPage>();
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://site').pathname;
    if (pathname === '/favicon.ico') return void response.writeHead(204).end();
    const page = pages.get(pathname);
    if (!page) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page.html === undefined ? embedHtml(apiUrl, page) : pastedHtml(page.html));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://${EMBED_SITE_HOST}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url(page) {
      const path = `/watch-${pages.size + 1}`;
      pages.set(path, page);
      return `${origin}${path}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const escape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

function embedHtml(apiUrl: string, page: EmbedPage): string {
  const player = page.createPlayerOptions
    ? `<div id="player"></div>
<script>window.player = OttPlayer.createPlayer(document.getElementById('player'), ${JSON.stringify({ videoId: page.videoId, api: apiUrl, ...page.createPlayerOptions }).replace(/</g, '\\u003c')});</script>`
    : `<ott-player video-id="${escape(page.videoId)}" api="${escape(apiUrl)}" ${page.attributes ?? ''}></ott-player>`;
  // The tenant's page records what the player tells it, as a site's analytics would.
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Acme Films — watch</title>
<style>body { margin: 0; background: #f4f4f5; font-family: system-ui, sans-serif; } main { max-width: 960px; margin: 24px auto; } h1 { font-size: 22px; }</style>
</head>
<body><main>
<h1>Acme Films</h1>
<script src="${escape(apiUrl)}/sdk/ott-player.js"></script>
${player}
<script>
  window.ottEvents = [];
  const target = window.player ? window.player.element : document.querySelector('ott-player');
  for (const type of Object.values(OttPlayer.Events)) target.addEventListener(type, (event) => window.ottEvents.push({ type, detail: event.detail, at: performance.now() }));
</script>
</main></body>
</html>`;
}

function pastedHtml(html: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Acme Films — watch</title></head>
<body><main style="max-width: 960px; margin: 24px auto"><h1>Acme Films</h1>
${html}
</main></body>
</html>`;
}
