// The catalogue over REST with an API key: metadata round trip and refusals, a series with an episode, a collection
// in order, search with a typo and filters.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rest } from '../support/rest-client.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let key: string;
let film: string;
let episode: string;

const call = <Body = Record<string, unknown>>(method: string, path: string, body?: unknown) => rest<Body>(platform.apiUrl, method, path, { key, body });

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  const tenant = await signUpActiveTenant(platform, 'rest');
  key = (await tenant.admin.apiKeys.create({ name: 'catalogue', scopes: ['read', 'write', 'upload'] })).key;
  film = (await call<{ videoId: string }>('POST', '/v1/videos', { filename: 'film.mp4', size: 100, title: 'Spirited Away' })).body.videoId;
  episode = (await call<{ videoId: string }>('POST', '/v1/videos', { filename: 'e1.mp4', size: 100, title: 'Chapter One' })).body.videoId;
});
afterAll(() => platform?.close());

it('keeps and answers a video’s metadata, and refuses bad metadata with a 400 that says what to change', async () => {
  const changed = await call('PATCH', `/v1/videos/${film}/metadata`, {
    categories: ['Animation'],
    releaseYear: 2001,
    maturityRating: 'PG',
    credits: [{ role: 'Director', name: 'Hayao Miyazaki' }],
    customFields: { studio: 'Ghibli' },
  });
  expect(changed.status).toBe(200);
  expect((await call('GET', `/v1/videos/${film}/metadata`)).body).toEqual({
    categories: ['Animation'],
    tags: [],
    releaseYear: 2001,
    maturityRating: 'PG',
    credits: [{ role: 'Director', name: 'Hayao Miyazaki' }],
    customFields: { studio: 'Ghibli' },
  });
  const refused = await call<{ error: { code: string; message: string } }>('PATCH', `/v1/videos/${film}/metadata`, { customFields: { '1st': 'x' } });
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toMatch(/"1st" is not a usable name: start with a lower-case letter/);
  const unknown = await call<{ error: { message: string } }>('PATCH', `/v1/videos/${film}/metadata`, { genre: 'x' });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.message).toMatch(/genre/);
});

it('builds a series with an episode and a collection in order, and finds them by search', async () => {
  const series = await call<{ id: string }>('POST', '/v1/series', { title: 'Arcane', categories: ['Animation'] });
  expect(series.status).toBe(201);
  const withSeason = await call<{ seasons: { id: string; number: number }[] }>('POST', `/v1/series/${series.body.id}/seasons`, { title: 'Act I' });
  const season = withSeason.body.seasons[0]!;
  const placed = await call<{ seasons: { episodes: { videoId: string; episodeNumber: number }[] }[] }>('PUT', `/v1/videos/${episode}/episode`, { seasonId: season.id });
  expect(placed.body.seasons[0]!.episodes).toMatchObject([{ videoId: episode, episodeNumber: 1 }]);

  const collection = await call<{ id: string; slug: string }>('POST', '/v1/collections', { title: 'Animated worlds' });
  expect(collection.body.slug).toBe('animated-worlds');
  await call('POST', `/v1/collections/${collection.body.id}/items`, { videoId: film });
  const added = await call<{ items: { id: string; type: string }[] }>('POST', `/v1/collections/${collection.body.id}/items`, { seriesId: series.body.id, position: 1 });
  expect(added.body.items.map((item) => item.type)).toEqual(['series', 'film']);
  const reordered = await call<{ items: { type: string }[] }>('PUT', `/v1/collections/${collection.body.id}/items/order`, { itemIds: [added.body.items[1]!.id, added.body.items[0]!.id] });
  expect(reordered.body.items.map((item) => item.type)).toEqual(['film', 'series']);

  const search = await call<{ data: { id: string; type: string }[] }>('GET', '/v1/catalogue/search?q=spirted');
  expect(search.body.data.map((hit) => hit.id)).toEqual([film]);
  const animated = await call<{ data: { id: string; type: string }[] }>('GET', '/v1/catalogue/search?category=Animation&type=series');
  expect(animated.body.data.map((hit) => hit.id)).toEqual([series.body.id]);
  const episodes = await call<{ data: { id: string; episode: unknown }[] }>('GET', '/v1/catalogue/search?type=episode');
  expect(episodes.body.data).toMatchObject([{ id: episode, episode: { seriesTitle: 'Arcane', seasonNumber: 1, episodeNumber: 1 } }]);

  expect((await call('DELETE', `/v1/series/${series.body.id}`)).status).toBe(204);
  expect((await call('GET', `/v1/videos/${episode}`)).status).toBe(200);
  expect((await call<{ data: { slug: string; itemCount: number }[] }>('GET', '/v1/collections')).body.data).toMatchObject([{ slug: 'animated-worlds', itemCount: 1 }]);
});

it('renames and renumbers a season, reorders its episodes, and refuses an order that leaves one out', async () => {
  const series = await call<{ id: string }>('POST', '/v1/series', { title: 'Severance' });
  const seasons = await call<{ seasons: { id: string }[] }>('POST', `/v1/series/${series.body.id}/seasons`, {});
  await call('POST', `/v1/series/${series.body.id}/seasons`, {});
  const [first, second] = (await call<{ seasons: { id: string }[] }>('GET', `/v1/series/${series.body.id}`)).body.seasons.map((season) => season.id);
  expect(first).toBe(seasons.body.seasons[0]!.id);
  const pilot = (await call<{ videoId: string }>('POST', '/v1/videos', { filename: 's1e1.mp4', size: 100, title: 'Good News About Hell' })).body.videoId;
  const finale = (await call<{ videoId: string }>('POST', '/v1/videos', { filename: 's1e9.mp4', size: 100, title: 'The We We Are' })).body.videoId;
  await call('PUT', `/v1/videos/${finale}/episode`, { seasonId: first });
  await call('PUT', `/v1/videos/${pilot}/episode`, { seasonId: first });

  type SeriesAnswer = { seasons: { id: string; number: number; title: string; episodes: { videoId: string; episodeNumber: number }[] }[]; error?: { code: string; message: string } };
  const renamed = await call<SeriesAnswer>('PATCH', `/v1/seasons/${first}`, { title: 'Season One', number: 0 });
  expect(renamed.status).toBe(200);
  expect(renamed.body.seasons.map(({ number, title }) => ({ number, title }))).toEqual([
    { number: 0, title: 'Season One' },
    { number: 2, title: '' },
  ]);
  const clash = await call<SeriesAnswer>('PATCH', `/v1/seasons/${first}`, { number: 2 });
  expect(clash.status).toBe(409);
  expect(clash.body.error?.message).toMatch(/already has a season 2: renumber that season first/);
  expect((await call<SeriesAnswer>('PATCH', `/v1/seasons/${second}`, { description: 'x' })).body.error?.message).toMatch(/description/);

  const reordered = await call<SeriesAnswer>('PUT', `/v1/seasons/${first}/episodes/order`, { videoIds: [pilot, finale] });
  expect(reordered.status).toBe(200);
  expect(reordered.body.seasons[0]!.episodes).toEqual([expect.objectContaining({ videoId: pilot, episodeNumber: 1 }), expect.objectContaining({ videoId: finale, episodeNumber: 2 })]);
  const partial = await call<SeriesAnswer>('PUT', `/v1/seasons/${first}/episodes/order`, { videoIds: [finale] });
  expect(partial.status).toBe(400);
  expect(partial.body.error?.message).toMatch(/must name every one of the 2 episodes of the season once \(1 named\)/);
  expect((await call<SeriesAnswer>('GET', `/v1/series/${series.body.id}`)).body.seasons[0]!.episodes.map((episode) => episode.videoId)).toEqual([pilot, finale]);
});

it('lists and reads each video with its publish window, country rule and where the window stands', async () => {
  const later = new Date(Date.now() + 86_400_000).toISOString();
  await call('PUT', `/v1/videos/${film}/availability`, { publishAt: later, unpublishAt: null, countryRule: { mode: 'deny', countries: ['DE'] } });
  const expected = { publishAt: later, unpublishAt: null, countryRule: { mode: 'deny', countries: ['DE'] }, availability: 'scheduled' };
  expect((await call('GET', `/v1/videos/${film}`)).body).toMatchObject(expected);
  const listed = await call<{ data: { id: string }[] }>('GET', '/v1/videos?sort=oldest');
  expect(listed.body.data.find((video) => video.id === film)).toMatchObject(expected);
  expect(listed.body.data.find((video) => video.id === episode)).toMatchObject({ publishAt: null, unpublishAt: null, countryRule: null, availability: 'available' });
});
