// The storefront's server-rendered pages: one shell (the tenant's logo, name and accent colour, search, sign-in)
// around home, title, series, search and the viewer's own pages. Every value from the catalogue or the query is
// escaped here. No inline script: the pages run under a CSP whose scripts come only from the API's origin; the
// signed-in parts (player credential, library rows, buying) are the small client script's (control-plane/storefront/storefront-client.js).
import { formatMinorUnits, type UnlockingOffer } from '@ott/contracts';
import type { StorefrontCard, StorefrontRow, StorefrontSearchHit, StorefrontSeries, StorefrontTenant, StorefrontTitle } from '../../domain/storefront/storefront-catalogue.js';
import { escapeHtml, sharingPageHtml } from '../sharing-page.js';
import { STOREFRONT_CLIENT_PATH, storefrontPath } from './storefront-urls.js';

export interface StorefrontPage {
  tenant: StorefrontTenant;
  /** The API's address, as the player's `api` attribute names it (the shared sign-in is kept under it). */
  api: string;
  /** Plain text; escaped here. */
  title: string;
  /** Extra <head> elements, already escaped. */
  head?: string;
  /** The <main>'s content, already escaped. */
  main: string;
  /** The player SDK, on pages with a player. */
  sdk?: boolean;
  /** What the client script does on this page. */
  page: 'home' | 'title' | 'series' | 'search' | 'sign-in' | 'sign-up' | 'account' | 'not-found';
}

export function storefrontHtml(page: StorefrontPage): string {
  const { tenant } = page;
  const home = storefrontPath(tenant.slug);
  const logo = tenant.branding.logoUrl ? `<img class="logo" src="${escapeHtml(tenant.branding.logoUrl)}" alt="" height="32">` : '';
  return sharingPageHtml({
    title: page.title,
    head: page.head,
    branding: tenant.branding,
    css: STOREFRONT_CSS,
    bodyAttributes: `data-api="${escapeHtml(page.api)}" data-tenant="${escapeHtml(tenant.slug)}" data-page="${page.page}"`,
    body: `<header class="brand">
<a class="home" href="${home}">${logo}<span class="name">${escapeHtml(tenant.name)}</span></a>
<form class="find" action="${home}search" role="search"><input type="search" name="q" placeholder="Search" aria-label="Search titles" maxlength="200"></form>
<a class="who" href="${home}sign-in" data-signed-out>Sign in</a><a class="who" href="${home}account" data-signed-in hidden>My account</a>
</header>
<main>
${page.main}
</main>`,
    // Both deferred, the store's first: it gives a signed-in viewer's credential and place to the player before the
    // SDK starts it; a signed-out visitor's player starts as soon as the SDK has run.
    scripts: page.sdk ? [STOREFRONT_CLIENT_PATH, '/sdk/ott-player.js'] : [STOREFRONT_CLIENT_PATH],
  });
}

export function homeMain(tenant: StorefrontTenant, rows: readonly StorefrontRow[]): string {
  const library = (id: string, title: string) => `<section class="row" data-library="${id}" hidden><h2>${title}</h2><div class="cards"></div></section>`;
  const shown = rows.map((row) => `<section class="row"><h2>${escapeHtml(row.title)}</h2><div class="cards">${row.items.map((card) => cardHtml(tenant.slug, card)).join('')}</div></section>`);
  return [
    library('continueWatching', 'Continue watching'),
    library('myList', 'My list'),
    recommendationsRow('Recommended'),
    ...(shown.length > 0 ? shown : [`<p class="quiet">${escapeHtml(tenant.name)} has nothing to show here yet. Try searching.</p>`]),
  ].join('\n');
}

/** Filled by the client script (storefront.recommendations: personal for a signed-in viewer), each card saying why. */
const recommendationsRow = (heading: string) => `<section class="row" data-recommendations hidden><h2>${heading}</h2><div class="cards"></div></section>`;

export function cardHtml(slug: string, card: Pick<StorefrontCard, 'type' | 'id' | 'title' | 'posterVideoId'>, caption = ''): string {
  const href = card.type === 'series' ? storefrontPath(slug, 'series', card.id) : storefrontPath(slug, 'title', card.id);
  const poster = card.posterVideoId ? `<img src="${storefrontPath(slug, 'poster', card.posterVideoId)}" alt="" loading="lazy" width="320" height="180">` : '<span class="blank"></span>';
  return `<a class="card" href="${href}">${poster}<span class="label">${escapeHtml(card.title)}</span>${caption}</a>`;
}

function metaLine(parts: readonly (string | number | null | undefined)[]): string {
  const shown = parts.filter((part) => part !== null && part !== undefined && part !== '').map((part) => `<span>${escapeHtml(String(part))}</span>`);
  return shown.length > 0 ? `<p class="facts">${shown.join('')}</p>` : '';
}

function minutes(seconds: number | null): string | null {
  return seconds === null ? null : `${Math.max(1, Math.round(seconds / 60))} min`;
}

const BUY_LABEL: Record<UnlockingOffer['kind'], string> = { subscription: 'Subscribe', rental: 'Rent', purchase: 'Buy', bundle: 'Buy' };

function priceOf(offer: UnlockingOffer): string {
  const price = formatMinorUnits(offer.amount, offer.currency);
  if (offer.kind === 'subscription') {
    const per = `${price} a ${offer.interval ?? 'month'}`;
    return offer.trialDays > 0 ? `${per}, ${offer.trialDays} days free` : per;
  }
  if (offer.kind === 'rental' && offer.rental) return `${price}, ${offer.rental.watchHours} hours to watch`;
  return price;
}

export function titleMain(tenant: StorefrontTenant, api: string, title: StorefrontTitle): string {
  const episode = title.episode
    ? `<p class="episode">Season ${title.episode.seasonNumber}, episode ${title.episode.episodeNumber} of <a href="${storefrontPath(tenant.slug, 'series', title.episode.seriesId)}">${escapeHtml(title.episode.seriesTitle)}</a></p>`
    : '';
  const credits = title.credits.length > 0 ? `<dl class="credits">${title.credits.map((credit) => `<dt>${escapeHtml(credit.role)}</dt><dd>${escapeHtml(credit.name)}</dd>`).join('')}</dl>` : '';
  const offers =
    title.offers.length > 0
      ? `<section class="offers" aria-labelledby="offers-heading"><h2 id="offers-heading">Watch ${escapeHtml(title.title)}</h2><ul>${title.offers
          .map(
            (offer) =>
              `<li><span class="offer-name">${escapeHtml(offer.name)}</span><span class="price">${escapeHtml(priceOf(offer))}</span><button type="button" data-offer="${escapeHtml(offer.id)}">${BUY_LABEL[offer.kind]}</button></li>`,
          )
          .join('')}</ul><p class="problem" role="alert" hidden></p></section>`
      : '';
  // The page shows the offers itself, beside the title: the player's own paywall would show them twice.
  return `<div class="stage"><ott-player video-id="${escapeHtml(title.id)}" api="${escapeHtml(api)}" paywall="none"></ott-player></div>
<p class="refusal" role="status" hidden></p>
<h1>${escapeHtml(title.title)}</h1>
${episode}
${metaLine([title.releaseYear, title.maturityRating, minutes(title.durationSeconds), ...title.categories])}
<button type="button" class="save" data-save="${escapeHtml(title.id)}" hidden>Add to my list</button>
${offers}
${title.description ? `<p class="description">${escapeHtml(title.description)}</p>` : ''}
${credits}
${recommendationsRow('You may also like')}`;
}

export function seriesMain(tenant: StorefrontTenant, series: StorefrontSeries): string {
  const seasons = series.seasons
    .map(
      (season) =>
        `<section class="season"><h2>Season ${season.number}${season.title ? ` — ${escapeHtml(season.title)}` : ''}</h2><ol class="episodes">${season.episodes
          .map(
            (episode) =>
              `<li value="${episode.episodeNumber}">${cardHtml(tenant.slug, { type: 'episode', id: episode.videoId, title: episode.title, posterVideoId: episode.videoId }, minutes(episode.durationSeconds) ? `<span class="quiet">${minutes(episode.durationSeconds)}</span>` : '')}</li>`,
          )
          .join('')}</ol></section>`,
    )
    .join('\n');
  return `<h1>${escapeHtml(series.title)}</h1>
${metaLine([series.releaseYear, series.maturityRating, ...series.categories])}
${series.description ? `<p class="description">${escapeHtml(series.description)}</p>` : ''}
${seasons || '<p class="quiet">No episodes to watch yet.</p>'}`;
}

const TYPES = [
  ['', 'Everything'],
  ['film', 'Films'],
  ['series', 'Series'],
  ['episode', 'Episodes'],
] as const;

export function searchMain(
  tenant: StorefrontTenant,
  search: { query: string; category: string; type: string; categories: readonly string[] },
  hits: readonly StorefrontSearchHit[] | undefined,
): string {
  const option = (value: string, label: string, chosen: string) => `<option value="${escapeHtml(value)}"${value === chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const form = `<form class="search-form" action="${storefrontPath(tenant.slug)}search" role="search">
<label>Search <input type="search" name="q" value="${escapeHtml(search.query)}" maxlength="200" autofocus></label>
<label>Category <select name="category">${option('', 'Any', search.category)}${search.categories.map((category) => option(category, category, search.category)).join('')}</select></label>
<label>Type <select name="type">${TYPES.map(([value, label]) => option(value, label, search.type)).join('')}</select></label>
<button type="submit">Search</button>
</form>`;
  if (hits === undefined) return `<h1>Search</h1>${form}`;
  const results =
    hits.length === 0
      ? `<p class="quiet">Nothing matches “${escapeHtml(search.query)}”. Check the spelling or try fewer words.</p>`
      : `<div class="cards results">${hits
          .map((hit) =>
            cardHtml(
              tenant.slug,
              hit,
              hit.episode
                ? `<span class="quiet">${escapeHtml(hit.episode.seriesTitle)} · S${hit.episode.seasonNumber} E${hit.episode.episodeNumber}</span>`
                : hit.releaseYear
                  ? `<span class="quiet">${hit.releaseYear}</span>`
                  : '',
            ),
          )
          .join('')}</div>`;
  return `<h1>Search</h1>${form}${results}`;
}

export function signInMain(tenant: StorefrontTenant): string {
  return `<h1>Sign in to ${escapeHtml(tenant.name)}</h1>
<form class="panel" id="sign-in">
<label>Email <input type="email" name="email" autocomplete="username" required maxlength="254"></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required maxlength="200"></label>
<p class="problem" role="alert" hidden></p>
<button type="submit">Sign in</button>
</form>
<p>New here? <a href="${storefrontPath(tenant.slug)}sign-up">Create an account</a>.</p>`;
}

export function signUpMain(tenant: StorefrontTenant): string {
  return `<h1>Create your ${escapeHtml(tenant.name)} account</h1>
<form class="panel" id="sign-up">
<label>Email <input type="email" name="email" autocomplete="email" required maxlength="254"></label>
<div data-step="code" hidden>
<p>We have sent a code to your email. Type it here with the password you want.</p>
<label>Code <input name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="20"></label>
<label>Password <input type="password" name="password" autocomplete="new-password" minlength="8" maxlength="200"></label>
</div>
<p class="problem" role="alert" hidden></p>
<button type="submit">Continue</button>
</form>
<p>Already have an account? <a href="${storefrontPath(tenant.slug)}sign-in">Sign in</a>.</p>`;
}

export function accountMain(tenant: StorefrontTenant): string {
  return `<h1>My account</h1>
<p class="quiet" data-signed-out>You are not signed in. <a href="${storefrontPath(tenant.slug)}sign-in">Sign in</a> to see your subscriptions and purchases.</p>
<section data-signed-in hidden>
<p>Signed in as <strong class="email"></strong>.</p>
<h2>My subscriptions and purchases</h2>
<ul class="purchases"></ul>
<p class="problem" role="alert" hidden></p>
<button type="button" class="manage">Manage subscriptions and payment</button>
<button type="button" class="sign-out">Sign out</button>
</section>`;
}

export function notFoundMain(tenant: StorefrontTenant): string {
  return `<h1>This title is not available.</h1><p class="description">It may have been removed, or it is not out yet. <a href="${storefrontPath(tenant.slug)}">See what is on</a>.</p>`;
}

const STOREFRONT_CSS = `
:root { color-scheme: dark; --accent: #3b82f6; }
* { box-sizing: border-box; }
body { margin: 0; background: #0b0b0f; color: #f4f4f5; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: inherit; }
.brand { display: flex; align-items: center; gap: 12px; padding: 10px 16px; border-bottom: 3px solid var(--accent); flex-wrap: wrap; }
.brand .home { display: flex; align-items: center; gap: 10px; text-decoration: none; font-weight: 600; }
.brand .logo { max-height: 32px; max-width: 140px; }
.brand .find { flex: 1; min-width: 120px; }
.brand input, .search-form input, .search-form select, .panel input { width: 100%; padding: 8px 10px; border-radius: 6px; border: 1px solid #3f3f46; background: #18181b; color: inherit; font: inherit; }
main { max-width: 1200px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; margin: 16px 0 8px; }
h2 { font-size: 1.1rem; margin: 20px 0 8px; }
.row .cards, .results { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(150px, 220px); gap: 12px; overflow-x: auto; padding-bottom: 8px; }
.results { grid-auto-flow: row; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); }
.card { display: flex; flex-direction: column; gap: 4px; text-decoration: none; }
.card img, .card .blank { width: 100%; height: auto; aspect-ratio: 16 / 9; object-fit: cover; border-radius: 6px; background: #27272a; display: block; }
.card:hover img, .card:focus img { outline: 2px solid var(--accent); }
.quiet { color: #a1a1aa; font-size: 0.9rem; }
.stage { aspect-ratio: 16 / 9; background: #000; border-radius: 8px; overflow: hidden; }
ott-player { display: block; width: 100%; height: 100%; --ott-accent-color: var(--accent); }
.facts span + span::before { content: " · "; color: #71717a; }
.description { white-space: pre-line; color: #d4d4d8; }
.credits { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; color: #d4d4d8; }
.credits dt { color: #a1a1aa; }
.credits dd { margin: 0; }
.offers ul, .purchases { list-style: none; padding: 0; display: grid; gap: 8px; }
.offers li, .purchases li { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 10px 12px; border: 1px solid #3f3f46; border-radius: 8px; }
.offer-name { font-weight: 600; flex: 1; }
button { font: inherit; padding: 8px 16px; border-radius: 6px; border: 0; background: var(--accent); color: #fff; cursor: pointer; }
button.save, .sign-out { background: #27272a; }
.problem { color: #fca5a5; }
.refusal { padding: 10px 12px; border-left: 3px solid var(--accent); background: #18181b; }
.search-form, .panel { display: grid; gap: 10px; max-width: 520px; }
.episodes { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
`;
