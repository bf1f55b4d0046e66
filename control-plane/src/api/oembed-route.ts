// GET /oembed?url=<watch or embed address>&format=json&maxwidth=&maxheight=: the oEmbed answer (https://oembed.com/,
// section 2.3) for a public video: type "video", the iframe embed as `html` sized within maxwidth × maxheight (the
// video's aspect kept), its poster as the thumbnail, the tenant as the provider. 404 for an address that is not a
// public, ready video of this platform; 501 for format=xml, which the spec lets a provider not implement.
import type { DomainDeps } from '../domain/deps.js';
import { isSharedVideo, sharedVideo } from '../domain/sharing/shared-video.js';
import type { HttpRoute } from './http-route.js';
import { escapeHtml } from './sharing-page.js';
import { embedUrl, videoIdOfSharingUrl, watchPosterUrl, watchUrl } from './sharing-urls.js';

export function oembedRoute(deps: DomainDeps): HttpRoute {
  return {
    matches: (pathname, request) => request.method === 'GET' && pathname === '/oembed',
    async handle(request, response) {
      const query = new URL(request.url ?? '/', 'http://api').searchParams;
      const answer = (status: number, text: string) => void response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Access-Control-Allow-Origin': '*' }).end(text);
      const format = query.get('format') ?? 'json';
      if (format === 'xml') return answer(501, 'Only format=json is available.');
      if (format !== 'json') return answer(400, 'format must be json.');
      const videoId = videoIdOfSharingUrl(deps.urls.api, query.get('url') ?? '');
      if (!videoId) return answer(404, 'url must be the address of a video page of this platform (…/watch/<video id>).');
      const video = await sharedVideo(deps, videoId);
      if (!isSharedVideo(video)) return answer(404, 'This video is not available.');
      const size = fitWithin(video.width, video.height, bound(query.get('maxwidth')), bound(query.get('maxheight')));
      const body = {
        version: '1.0',
        type: 'video',
        title: video.title,
        provider_name: video.tenant.name,
        provider_url: watchUrl(deps.urls.api, video.id),
        thumbnail_url: watchPosterUrl(deps.urls.api, video.id),
        thumbnail_width: video.width,
        thumbnail_height: video.height,
        width: size.width,
        height: size.height,
        html: `<iframe src="${escapeHtml(embedUrl(deps.urls.api, video.id))}" width="${size.width}" height="${size.height}" title="${escapeHtml(video.title)}" style="border: 0" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen referrerpolicy="no-referrer-when-downgrade"></iframe>`,
      };
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache' }).end(JSON.stringify(body));
    },
  };
}

function bound(value: string | null): number | undefined {
  const number = Number(value);
  return value !== null && Number.isFinite(number) && number > 0 ? Math.floor(number) : undefined;
}

/** The largest size of the video's aspect within the bounds, never larger than the video itself. */
export function fitWithin(width: number, height: number, maxWidth: number | undefined, maxHeight: number | undefined): { width: number; height: number } {
  const scale = Math.min(1, maxWidth ? maxWidth / width : 1, maxHeight ? maxHeight / height : 1);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
