// The storefront's pages over HTTP: the home rows in the tenant's order with posters, a title page with everything a
// tenant typed escaped and its Open Graph tags, a series in order, search that forgives a typo; titles outside their
// window (or for the tenant's backend only) never listed nor named; another tenant's title under this store is a 404;
// every page under a CSP that runs only the API's own scripts; the offers of a title for sale while the store sells.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCollectionItem, createCollection } from '../../src/domain/catalogue/collections.js';
import { addSeason, createSeries, placeEpisode } from '../../src/domain/catalogue/series.js';
import { setVideoMetadata } from '../../src/domain/catalogue/video-metadata.js';
import { getWithHeaders } from '../support/api-server.js';
import { insertReadyVideo } from '../support/playback-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
const HOSTILE = `"><script>alert(1)</script><b x='`;
const hour = 3_600_000;

interface Store {
  tenantId: string;
  slug: string;
}
let alpha: Store;
let bravo: Store;
type Name = 'interstellar' | 'hostile' | 'scheduled' | 'backend' | 'pilot' | 'second' | 'unaired' | 'bravo' | 'series';
const films = {} as Record<Name, string>;

/** A provisioned tenant (posters are signed with its own key) with a hostile name and an accent colour. */
async function store(name: string): Promise<Store> {
  const { slug } = await signUpActiveTenant(platform, name);
  const { id } = await platform.app.deps.db
    .updateTable('tenants')
    .set({ name: `${name} ${HOSTILE}`, accent_color: '#ff3366' })
    .where('slug', '=', slug)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { tenantId: id, slug };
}

const page = (slug: string, rest = '') => fetch(`${platform.apiUrl}/store/${slug}/${rest}`, { redirect: 'manual' });
const html = async (slug: string, rest = '') => {
  const response = await page(slug, rest);
  expect(response.status).toBe(200);
  return response.text();
};

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  const deps = platform.app.deps;
  [alpha, bravo] = await Promise.all([store('alpha'), store('bravo')]);
  const video = (title: string, accessMode: 'public' | 'viewers' | 'token' = 'public') => insertReadyVideo(deps.db, alpha.tenantId, { title, accessMode });
  films.interstellar = await video('Interstellar', 'viewers');
  films.hostile = await video(`Film ${HOSTILE}`);
  films.scheduled = await video('Tomorrow Film');
  films.backend = await video('Backend Only Film', 'token');
  films.pilot = await video('Pilot');
  films.second = await video('Second Episode');
  films.unaired = await video('Unaired Episode');
  films.bravo = await insertReadyVideo(deps.db, bravo.tenantId, { title: 'Bravo Secret Film' });
  await deps.db
    .updateTable('videos')
    .set({ publish_at: new Date(Date.now() + hour) })
    .where('id', 'in', [films.scheduled, films.unaired])
    .execute();
  await deps.db
    .updateTable('videos')
    .set({ description: `About ${HOSTILE}` })
    .where('id', '=', films.hostile)
    .execute();
  await setVideoMetadata(deps, alpha.tenantId, films.hostile, { releaseYear: 2014, maturityRating: 'PG-13', categories: ['Drama'], credits: [{ role: 'Director', name: `Ann ${HOSTILE}` }] });
  await setVideoMetadata(deps, alpha.tenantId, films.interstellar, { categories: ['Science fiction'] });

  const series = await createSeries(deps, alpha.tenantId, { title: 'The Long Road', posterVideoId: films.pilot });
  const season = (await addSeason(deps, alpha.tenantId, series.id, {})).seasons[0]!;
  for (const videoId of [films.pilot, films.unaired, films.second]) await placeEpisode(deps, alpha.tenantId, { videoId, seasonId: season.id });
  films.series = series.id;

  const featured = await createCollection(deps, alpha.tenantId, { title: 'Featured' });
  const later = await createCollection(deps, alpha.tenantId, { title: `Later ${HOSTILE}` });
  for (const videoId of [films.hostile, films.scheduled, films.backend, films.interstellar]) await addCollectionItem(deps, alpha.tenantId, featured.id, { videoId });
  await addCollectionItem(deps, alpha.tenantId, later.id, { seriesId: series.id });
  await createCollection(deps, alpha.tenantId, { title: 'Empty row' });
});
afterAll(() => platform?.close());

describe('the home page', () => {
  it('shows the collections as rows in order, with posters, and only titles a viewer could play', async () => {
    const body = await html(alpha.slug);
    const featured = body.indexOf('<h2>Featured</h2>');
    const later = body.indexOf('<h2>Later &quot;&gt;&lt;script&gt;');
    expect(featured).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(featured);
    expect(body).toContain(`href="/store/${alpha.slug}/title/${films.interstellar}"`);
    expect(body).toContain(`src="/store/${alpha.slug}/poster/${films.interstellar}"`);
    expect(body).toContain(`href="/store/${alpha.slug}/series/${films.series}"`);
    expect(body).not.toContain('Tomorrow Film');
    expect(body).not.toContain('Backend Only Film');
    expect(body).not.toContain('Empty row');
    // Filled by the client script from storefront.recommendations.
    expect(body).toContain('<section class="row" data-recommendations hidden><h2>Recommended</h2>');
    expect(body).not.toContain('<script>alert(1)');
    // The tenant's accent comes after the default it overrides.
    expect(body).toMatch(/--accent: #3b82f6;[^]*:root \{ --accent: #ff3366; \}<\/style>/);
  });

  it('is served under a CSP that runs only the API’s own scripts, and the client script it loads is there', async () => {
    const response = await page(alpha.slug);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    const client = await fetch(`${platform.apiUrl}/store-assets/storefront.js`);
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toContain('text/javascript');
    expect(await client.text()).toContain('ott-player:viewer:');
  });

  it('answers an unknown store with a 404 that names nothing, and adds the missing slash', async () => {
    expect((await page('no-such-store')).status).toBe(404);
    const bare = await fetch(`${platform.apiUrl}/store/${alpha.slug}`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`/store/${alpha.slug}/`);
  });
});

describe('the title page', () => {
  it('escapes what the tenant typed in text and tags, and gives link previews their tags and poster', async () => {
    const body = await html(alpha.slug, `title/${films.hostile}`);
    expect(body).not.toContain('<script>alert(1)');
    expect(body).not.toContain("<b x='");
    expect(body).toContain('<h1>Film &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b x=&#39;</h1>');
    expect(body).toContain('<dd>Ann &quot;&gt;&lt;script&gt;');
    expect(body).toContain('<span>2014</span><span>PG-13</span>');
    expect(body).toContain('<meta property="og:type" content="video.movie">');
    expect(body).toContain('<meta property="og:title" content="Film &quot;&gt;&lt;script&gt;');
    expect(body).toContain('<meta property="og:description" content="About &quot;&gt;&lt;script&gt;');
    expect(body).toContain(`<meta property="og:image" content="${platform.apiUrl}/store/${alpha.slug}/poster/${films.hostile}">`);
    expect(body).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(body).toContain(`<ott-player video-id="${films.hostile}" api="${platform.apiUrl}" paywall="none"></ott-player>`);
    // The store's script first, then the SDK: the store hands a signed-in viewer's credential to the player before it starts.
    expect(body).toContain('<script src="/store-assets/storefront.js" defer></script><script src="/sdk/ott-player.js" defer></script>');
  });

  it('names the series an episode belongs to', async () => {
    const body = await html(alpha.slug, `title/${films.second}`);
    expect(body).toContain(`Season 1, episode 3 of <a href="/store/${alpha.slug}/series/${films.series}">The Long Road</a>`);
    expect(body).toContain('<meta property="og:type" content="video.episode">');
  });

  it('is a 404 naming nothing for a title outside its window, a backend-only title, and another tenant’s title', async () => {
    for (const videoId of [films.scheduled, films.backend, films.bravo]) {
      const response = await page(alpha.slug, `title/${videoId}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/Tomorrow Film|Backend Only|Bravo Secret/);
      expect((await page(alpha.slug, `poster/${videoId}`)).status).toBe(404);
    }
    // The other tenant's own store shows it.
    expect(await html(bravo.slug, `title/${films.bravo}`)).toContain('<h1>Bravo Secret Film</h1>');
  });

  it('sends a link preview to a freshly signed poster of a title for signed-in viewers, and only the poster', async () => {
    const response = await page(alpha.slug, `poster/${films.interstellar}`);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe(platform.edgeUrl);
    expect(location.pathname).toBe(`/t/${alpha.tenantId}/v/${films.interstellar}/poster.jpg`);
    expect(location.searchParams.get('Signature')).toBeTruthy();
  });

  it('shows the offers that unlock a title for sale while the store sells, and none once it is disconnected', async () => {
    const db = platform.app.deps.db;
    await db.insertInto('store_accounts').values({ tenant_id: alpha.tenantId, stripe_account_id: 'acct_alpha', charges_enabled: true, details_submitted: true, disconnected_at: null }).execute();
    const rental = await db
      .insertInto('offers')
      .values({
        tenant_id: alpha.tenantId,
        kind: 'rental',
        name: '48-hour rental',
        amount: 399,
        currency: 'usd',
        billing_interval: null,
        max_height: null,
        rental_start_days: 30,
        rental_watch_hours: 48,
        stripe_product_id: null,
        stripe_price_id: null,
        archived_at: null,
        video_ids: [films.interstellar],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const body = await html(alpha.slug, `title/${films.interstellar}`);
      expect(body).toContain('<span class="offer-name">48-hour rental</span><span class="price">$3.99, 48 hours to watch</span>');
      expect(body).toContain(`<button type="button" data-offer="${rental.id}">Rent</button>`);
      // A public title is not gated by an offer, whatever it covers.
      expect(await html(alpha.slug, `title/${films.hostile}`)).not.toContain('data-offer=');
      await db.updateTable('store_accounts').set({ disconnected_at: new Date() }).where('tenant_id', '=', alpha.tenantId).execute();
      expect(await html(alpha.slug, `title/${films.interstellar}`)).not.toContain('data-offer=');
    } finally {
      await db.deleteFrom('offers').where('id', '=', rental.id).execute();
      await db.deleteFrom('store_accounts').where('tenant_id', '=', alpha.tenantId).execute();
    }
  });
});

describe('the series page', () => {
  it('lists the seasons and the episodes a viewer could play, in order', async () => {
    const body = await html(alpha.slug, `series/${films.series}`);
    expect(body).toContain('<h1>The Long Road</h1>');
    expect(body.indexOf('Pilot')).toBeLessThan(body.indexOf('Second Episode'));
    expect(body).toContain('<li value="3">');
    expect(body).not.toContain('Unaired Episode');
    expect(body).toContain('<meta property="og:type" content="video.tv_show">');
    expect(body).toContain(`/store/${alpha.slug}/poster/${films.pilot}`);
    expect((await page(bravo.slug, `series/${films.series}`)).status).toBe(404);
  });
});

describe('search', () => {
  it('finds a film typed with a typo, filters by type, and never lists what is not out or not this tenant’s', async () => {
    const typo = await html(alpha.slug, 'search?q=intersteller');
    expect(typo).toContain(`href="/store/${alpha.slug}/title/${films.interstellar}"`);
    expect(typo).toContain('value="intersteller"');
    expect(await html(alpha.slug, 'search?q=tomorrow')).toContain('Nothing matches “tomorrow”');
    expect(await html(alpha.slug, 'search?q=bravo')).not.toContain('Bravo Secret');
    const series = await html(alpha.slug, 'search?q=road&type=series');
    expect(series).toContain(`href="/store/${alpha.slug}/series/${films.series}"`);
    const category = await html(alpha.slug, 'search?category=Science+fiction');
    expect(category).toContain('Interstellar');
    expect(category).not.toContain('>Pilot<');
  });

  it('escapes the query it shows back', async () => {
    const body = await html(alpha.slug, `search?q=${encodeURIComponent(HOSTILE)}`);
    expect(body).not.toContain('<script>alert(1)');
  });
});

describe('the viewer’s own pages', () => {
  it('serves sign-in, sign-up and account in the tenant’s branding', async () => {
    expect(await html(alpha.slug, 'sign-in')).toContain('<form class="panel" id="sign-in">');
    expect(await html(alpha.slug, 'sign-up')).toContain('<form class="panel" id="sign-up">');
    expect(await html(alpha.slug, 'account')).toContain('My subscriptions and purchases');
  });
});

/** A GET with the Host a tenant's custom domain would bring (fetch may not set Host). */
const getOnHost = (host: string, pathname: string) => getWithHeaders(platform.apiUrl, pathname, { Host: host });

describe('on a tenant’s custom domain', () => {
  it('serves only that tenant’s store, and shares its links under that domain', async () => {
    const db = platform.app.deps.db;
    await db.insertInto('tenant_custom_domains').values({ tenant_id: alpha.tenantId, domain_name: 'films.alpha.example', status: 'active', updated_at: new Date() }).execute();
    try {
      const own = await getOnHost('films.alpha.example', `/store/${alpha.slug}/title/${films.hostile}`);
      expect(own.status).toBe(200);
      expect(own.body).toContain(`<meta property="og:url" content="https://films.alpha.example/store/${alpha.slug}/title/${films.hostile}">`);
      expect(own.body).toContain(`<meta property="og:image" content="https://films.alpha.example/store/${alpha.slug}/poster/${films.hostile}">`);
      // Another tenant's store is not served on alpha's domain, and says nothing of it.
      const other = await getOnHost('films.alpha.example', `/store/${bravo.slug}/title/${films.bravo}`);
      expect(other.status).toBe(404);
      expect(other.body).not.toContain('Bravo Secret');
      // A domain that is not yet active is not the tenant's.
      await db.updateTable('tenant_custom_domains').set({ status: 'issued' }).where('tenant_id', '=', alpha.tenantId).execute();
      expect((await getOnHost('films.alpha.example', `/store/${bravo.slug}/title/${films.bravo}`)).status).toBe(200);
    } finally {
      await db.deleteFrom('tenant_custom_domains').where('tenant_id', '=', alpha.tenantId).execute();
    }
  });
});
