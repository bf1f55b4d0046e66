// GET /store/<slug>/…: a tenant's storefront, server-rendered on the API (home, title, series, search, sign-in,
// sign-up, account) and GET /store/<slug>/poster/<videoId>, a redirect to a freshly signed poster of a title the store
// lists (any access mode it lists: the poster alone, never the video). On a tenant's custom domain (aws shape, routed
// to the API as docs/storefront.md says) only that tenant's store answers. An unknown store, or a title that is not
// this tenant's or not listed, is a 404 that names nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CATALOGUE_LIMITS, CATALOGUE_TITLE_TYPES, type CatalogueTitleType } from '@ott/contracts';
import { catalogueCategories } from '../../domain/catalogue/catalogue-search.js';
import type { DomainDeps } from '../../domain/deps.js';
import { searchStorefront, storefrontHome, storefrontPosterUrl, storefrontSeries, storefrontTenant, storefrontTitle, type StorefrontTenant } from '../../domain/storefront/storefront-catalogue.js';
import type { HttpRoute } from '../http-route.js';
import { requestHost, type ForwardedHostSource } from '../request-host.js';
import { escapeHtml, notAvailableHtml, sendHtml } from '../sharing-page.js';
import { accountMain, homeMain, notFoundMain, searchMain, seriesMain, signInMain, signUpMain, storefrontHtml, titleMain, type StorefrontPage } from './storefront-pages.js';
import { storefrontClientFile } from '../storefront-client-file.js';
import { STOREFRONT_CLIENT_PATH, STOREFRONT_PATH, STOREFRONT_POSTER, STOREFRONT_SERIES, STOREFRONT_TITLE, storefrontPath } from './storefront-urls.js';

const CLIENT = readFileSync(storefrontClientFile());
const CLIENT_TAG = `"${createHash('sha256').update(CLIENT).digest('base64url').slice(0, 22)}"`;

export function storefrontRoute(deps: DomainDeps, policy: string, hosts: ForwardedHostSource): HttpRoute {
  const apiHost = new URL(deps.urls.api).hostname.toLowerCase();
  return {
    matches: (pathname, request) => (request.method === 'GET' || request.method === 'HEAD') && (pathname === STOREFRONT_CLIENT_PATH || STOREFRONT_PATH.test(pathname)),
    async handle(request, response, pathname) {
      if (pathname === STOREFRONT_CLIENT_PATH) return serveClient(request, response);
      const [, slug = '', rest] = STOREFRONT_PATH.exec(pathname) ?? [];
      if (rest === undefined) return void response.writeHead(301, { Location: storefrontPath(slug) }).end();
      const host = requestHost(request, hosts);
      const tenant = await storefrontTenant(deps, slug, host === apiHost ? undefined : host);
      if (!tenant) return sendHtml(response, 404, notAvailableHtml(undefined), policy);

      const poster = STOREFRONT_POSTER.exec(rest)?.[1];
      if (poster) {
        const url = await storefrontPosterUrl(deps, tenant.id, poster.toLowerCase());
        if (!url) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return void response.writeHead(302, { Location: url, 'Cache-Control': 'private, max-age=300' }).end();
      }
      const page = await storefrontPage(deps, tenant, rest, new URL(request.url ?? '/', 'http://store').searchParams);
      sendHtml(response, page.status, storefrontHtml({ ...page, tenant, api: deps.urls.api }), policy);
    },
  };
}

type Rendered = Omit<StorefrontPage, 'tenant' | 'api'> & { status: number };

async function storefrontPage(deps: DomainDeps, tenant: StorefrontTenant, rest: string, query: URLSearchParams): Promise<Rendered> {
  const site = tenant.name;
  const notFound: Rendered = { status: 404, title: `Not available — ${site}`, main: notFoundMain(tenant), page: 'not-found' };
  if (rest === '/')
    return { status: 200, title: site, main: homeMain(tenant, await storefrontHome(deps, tenant.id)), page: 'home', head: canonical(tenant, deps.urls.api, storefrontPath(tenant.slug)) };

  const videoId = STOREFRONT_TITLE.exec(rest)?.[1];
  if (videoId) {
    const title = await storefrontTitle(deps, tenant.id, videoId.toLowerCase());
    if (!title) return notFound;
    const path = storefrontPath(tenant.slug, 'title', title.id);
    const head = shareTags(tenant, deps.urls.api, {
      type: title.episode ? 'video.episode' : 'video.movie',
      title: title.title,
      description: title.description || `Watch ${title.title} on ${site}.`,
      path,
      posterVideoId: title.id,
    });
    return { status: 200, title: `${title.title} — ${site}`, head, main: titleMain(tenant, deps.urls.api, title), sdk: true, page: 'title' };
  }

  const seriesId = STOREFRONT_SERIES.exec(rest)?.[1];
  if (seriesId) {
    const series = await storefrontSeries(deps, tenant.id, seriesId.toLowerCase());
    if (!series) return notFound;
    const head = shareTags(tenant, deps.urls.api, {
      type: 'video.tv_show',
      title: series.title,
      description: series.description || `Watch ${series.title} on ${site}.`,
      path: storefrontPath(tenant.slug, 'series', series.id),
      posterVideoId: series.posterVideoId,
    });
    return { status: 200, title: `${series.title} — ${site}`, head, main: seriesMain(tenant, series), page: 'series' };
  }

  switch (rest) {
    case '/search': {
      const search = {
        query: (query.get('q') ?? '').slice(0, CATALOGUE_LIMITS.searchQueryLength),
        category: (query.get('category') ?? '').slice(0, 100),
        type: CATALOGUE_TITLE_TYPES.includes(query.get('type') as CatalogueTitleType) ? (query.get('type') as CatalogueTitleType) : undefined,
      };
      const asked = search.query.trim() !== '' || search.category !== '' || search.type !== undefined;
      const [categories, hits] = await Promise.all([
        catalogueCategories(deps, tenant.id),
        asked ? searchStorefront(deps, tenant.id, { query: search.query, ...(search.category ? { categories: [search.category] } : {}), ...(search.type ? { type: search.type } : {}) }) : undefined,
      ]);
      return {
        status: 200,
        title: search.query ? `“${search.query}” — ${site}` : `Search — ${site}`,
        head: '<meta name="robots" content="noindex">',
        main: searchMain(tenant, { ...search, type: search.type ?? '', categories }, hits),
        page: 'search',
      };
    }
    case '/sign-in':
      return { status: 200, title: `Sign in — ${site}`, main: signInMain(tenant), page: 'sign-in' };
    case '/sign-up':
      return { status: 200, title: `Create an account — ${site}`, main: signUpMain(tenant), page: 'sign-up' };
    case '/account':
      return { status: 200, title: `My account — ${site}`, main: accountMain(tenant), page: 'account' };
    default:
      return notFound;
  }
}

/** Where the store's pages are shared from: the tenant's domain when asked on it, else the API's. */
function originOf(tenant: StorefrontTenant, apiUrl: string): string {
  return tenant.customDomain ? `https://${tenant.customDomain}` : apiUrl;
}

function canonical(tenant: StorefrontTenant, apiUrl: string, path: string): string {
  return `<link rel="canonical" href="${escapeHtml(originOf(tenant, apiUrl) + path)}">`;
}

/** Open Graph and Twitter tags: link previews show the title, its summary and its poster (through the poster route). */
function shareTags(tenant: StorefrontTenant, apiUrl: string, shared: { type: string; title: string; description: string; path: string; posterVideoId: string | null }): string {
  const origin = originOf(tenant, apiUrl);
  const meta = (attribute: 'property' | 'name', key: string, value: string) => `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`;
  const poster = shared.posterVideoId ? origin + storefrontPath(tenant.slug, 'poster', shared.posterVideoId) : undefined;
  return [
    canonical(tenant, apiUrl, shared.path),
    meta('name', 'description', shared.description),
    meta('property', 'og:type', shared.type),
    meta('property', 'og:site_name', tenant.name),
    meta('property', 'og:title', shared.title),
    meta('property', 'og:description', shared.description),
    meta('property', 'og:url', origin + shared.path),
    ...(poster ? [meta('property', 'og:image', poster), meta('name', 'twitter:image', poster)] : []),
    meta('name', 'twitter:card', poster ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', shared.title),
    meta('name', 'twitter:description', shared.description),
  ].join('\n');
}

function serveClient(request: IncomingMessage, response: ServerResponse): void {
  const headers = { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', ETag: CLIENT_TAG };
  if (request.headers['if-none-match'] === CLIENT_TAG) return void response.writeHead(304, headers).end();
  response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : CLIENT);
}
