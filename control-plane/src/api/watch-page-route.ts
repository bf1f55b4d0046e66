// GET /watch/<videoId>: a public video's own page on the platform, in its tenant's branding, with the player and
// the tags link previews read (Open Graph, Twitter's player card, oEmbed discovery). GET /watch/<videoId>/poster
// redirects to a freshly signed poster, for crawlers that fetch og:image long after the page. Videos that are not
// public and ready answer a 404 "not available" page that names no title.
import type { DomainDeps } from '../domain/deps.js';
import { isSharedVideo, sharedPosterUrl, sharedVideo, type SharedVideo } from '../domain/sharing/shared-video.js';
import type { HttpRoute } from './http-route.js';
import { brandHeader, escapeHtml, notAvailableHtml, sendHtml, SHARING_PAGE_CSS, sharingPageHtml } from './sharing-page.js';
import { embedUrl, oembedUrl, WATCH_PATH, WATCH_POSTER_PATH, watchPosterUrl, watchUrl } from './sharing-urls.js';

export function watchPageRoute(deps: DomainDeps, policy: string): HttpRoute {
  return {
    matches: (pathname, request) => (request.method === 'GET' || request.method === 'HEAD') && (WATCH_PATH.test(pathname) || WATCH_POSTER_PATH.test(pathname)),
    async handle(_request, response, pathname) {
      const posterOf = WATCH_POSTER_PATH.exec(pathname)?.[1];
      if (posterOf) {
        const poster = await sharedPosterUrl(deps, posterOf.toLowerCase());
        if (!poster) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return void response.writeHead(302, { Location: poster, 'Cache-Control': 'private, max-age=300' }).end();
      }
      const video = await sharedVideo(deps, (WATCH_PATH.exec(pathname)?.[1] ?? '').toLowerCase());
      if (!isSharedVideo(video)) return sendHtml(response, 404, notAvailableHtml(video.tenant), policy);
      sendHtml(response, 200, watchPageHtml(deps.urls.api, video), policy);
    },
  };
}

function watchPageHtml(apiUrl: string, video: SharedVideo): string {
  const page = watchUrl(apiUrl, video.id);
  const player = embedUrl(apiUrl, video.id);
  const poster = watchPosterUrl(apiUrl, video.id);
  const summary = video.description || `Watch ${video.title} on ${video.tenant.name}.`;
  const meta = (attribute: 'property' | 'name', key: string, value: string | number) => `<meta ${attribute}="${key}" content="${escapeHtml(String(value))}">`;
  const head = [
    meta('name', 'description', summary),
    `<link rel="canonical" href="${escapeHtml(page)}">`,
    meta('property', 'og:type', 'video.other'),
    meta('property', 'og:site_name', video.tenant.name),
    meta('property', 'og:title', video.title),
    meta('property', 'og:description', summary),
    meta('property', 'og:url', page),
    meta('property', 'og:image', poster),
    meta('property', 'og:video', player),
    meta('property', 'og:video:secure_url', player),
    meta('property', 'og:video:type', 'text/html'),
    meta('property', 'og:video:width', video.width),
    meta('property', 'og:video:height', video.height),
    ...(video.durationSeconds ? [meta('property', 'video:duration', Math.round(video.durationSeconds))] : []),
    meta('name', 'twitter:card', 'player'),
    meta('name', 'twitter:title', video.title),
    meta('name', 'twitter:description', summary),
    meta('name', 'twitter:image', poster),
    meta('name', 'twitter:player', player),
    meta('name', 'twitter:player:width', video.width),
    meta('name', 'twitter:player:height', video.height),
    `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembedUrl(apiUrl, page))}" title="${escapeHtml(video.title)}">`,
  ].join('\n');
  const body = `${brandHeader(video.tenant)}
<main>
<ott-player video-id="${escapeHtml(video.id)}" api="${escapeHtml(apiUrl)}"></ott-player>
<h1>${escapeHtml(video.title)}</h1>
${video.description ? `<p class="description">${escapeHtml(video.description)}</p>` : ''}
</main>`;
  return sharingPageHtml({ title: `${video.title} — ${video.tenant.name}`, head, body, branding: video.tenant.branding, sdk: true, css: SHARING_PAGE_CSS });
}
