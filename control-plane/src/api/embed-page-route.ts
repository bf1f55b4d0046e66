// GET /embed/<videoId>: the iframe embed, the player alone filling the frame. Only the tenant's allowed embed
// origins may frame it (Content-Security-Policy frame-ancestors; any site while the list is empty). The query
// sets the player: autoplay=1 (muted as well: browsers block autoplay with sound), muted=1, loop=1, t=<seconds>,
// token=<playback token> for token-only videos. The page names no title: the player shows it once authorised. A
// viewer who buys in it comes back to the page that framed it (embedding-page-url.ts), and checkout opens in the top
// window (the player's openCheckout: a new tab when the frame may not navigate it). Back from paying, the framing
// page's address carries the player's checkout marker, which the embed moves onto its own (a redirect), where the
// player looks for it to confirm the purchase while Stripe's webhook lands.
import type { DomainDeps } from '../domain/deps.js';
import { embedAncestors } from '../domain/sharing/shared-video.js';
import { CHECKOUT_RETURN_PARAM } from '@ott/contracts';
import { embeddingPage } from './embedding-page-url.js';
import type { HttpRoute } from './http-route.js';
import { EMBED_PATH } from './sharing-urls.js';
import { escapeHtml, notAvailableHtml, sendHtml, sharingPageHtml } from './sharing-page.js';

const EMBED_CSS = `
html, body { margin: 0; height: 100%; background: #000; overflow: hidden; }
ott-player { width: 100%; height: 100%; --ott-aspect-ratio: auto; --ott-radius: 0; }
`;

/** `policyFor(frameAncestors)`: the pages' Content-Security-Policy with who may frame this one. */
export function embedPageRoute(deps: DomainDeps, policyFor: (frameAncestors: string) => string): HttpRoute {
  return {
    matches: (pathname, request) => (request.method === 'GET' || request.method === 'HEAD') && EMBED_PATH.test(pathname),
    async handle(request, response, pathname) {
      const videoId = (EMBED_PATH.exec(pathname)?.[1] ?? '').toLowerCase();
      const found = await embedAncestors(deps, videoId);
      if (!found) return sendHtml(response, 404, notAvailableHtml(undefined), policyFor("'none'"));
      const frameAncestors = found.allowedOrigins.length === 0 ? '*' : ["'self'", ...found.allowedOrigins].join(' ');
      const query = new URL(request.url ?? '/', 'http://api').searchParams;
      const framing = embeddingPage(request.headers.referer, found.allowedOrigins);
      if (framing?.checkoutReturnOf === videoId && !query.has(CHECKOUT_RETURN_PARAM)) {
        query.set(CHECKOUT_RETURN_PARAM, videoId);
        return void response.writeHead(302, { Location: `${pathname}?${query.toString()}`, 'Cache-Control': 'no-store' }).end();
      }
      sendHtml(response, 200, embedPageHtml(deps.urls.api, videoId, query, framing?.url), policyFor(frameAncestors));
    },
  };
}

function embedPageHtml(apiUrl: string, videoId: string, query: URLSearchParams, returnUrl: string | undefined): string {
  const on = (name: string) => query.get(name) === '1';
  const start = Number(query.get('t'));
  const token = query.get('token');
  const attributes = [
    `video-id="${escapeHtml(videoId)}"`,
    `api="${escapeHtml(apiUrl)}"`,
    ...(on('autoplay') ? ['autoplay', 'muted'] : on('muted') ? ['muted'] : []),
    ...(on('loop') ? ['loop'] : []),
    ...(Number.isFinite(start) && start > 0 ? [`start-time="${Math.floor(start)}"`] : []),
    ...(token ? [`credential="${escapeHtml(token)}"`] : []),
    ...(returnUrl ? [`checkout-return-url="${escapeHtml(returnUrl)}"`] : []),
  ];
  return sharingPageHtml({ title: 'Video', body: `<ott-player ${attributes.join(' ')}></ott-player>`, sdk: true, css: EMBED_CSS });
}
