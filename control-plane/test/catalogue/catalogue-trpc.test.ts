// The catalogue through tRPC: a video's metadata (validated, kept, cleared), series → seasons → episodes (placed,
// moved, reordered, removed; a deleted video leaves its season, a deleted series keeps its videos), collections
// (ordered rows of films and series), and search (typos, accents, ranking, filters), each tenant on its own.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withTenantScope } from '../../src/db/tenant-scope.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let alpha: Awaited<ReturnType<typeof signUpActiveTenant>>;
let bravo: Awaited<ReturnType<typeof signUpActiveTenant>>;

/** A video row is all the catalogue needs: an upload that was never sent is one. */
async function video(admin: typeof alpha.admin, title: string, description = ''): Promise<string> {
  return (await admin.videos.createUpload({ filename: `${title}.mp4`, size: 1000, title, description })).videoId;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  [alpha, bravo] = await Promise.all([signUpActiveTenant(platform, 'alpha'), signUpActiveTenant(platform, 'bravo')]);
});
afterAll(() => platform?.close());

it('keeps a video’s metadata as given (trimmed, duplicates once) and changes only the fields sent', async () => {
  const id = await video(alpha.admin, 'Metadata film');
  const credits = [
    { role: 'Director', name: 'Christopher Nolan' },
    { role: 'Cast', name: 'Jessica Chastain' },
  ];
  const set = await alpha.admin.catalogue.setMetadata({
    videoId: id,
    categories: [' Drama ', 'drama', 'Science fiction'],
    tags: ['space', ' time '],
    releaseYear: 2014,
    maturityRating: 'PG-13',
    credits,
    customFields: { studio: 'Syncopy' },
  });
  expect(set).toEqual({ categories: ['Drama', 'Science fiction'], tags: ['space', 'time'], releaseYear: 2014, maturityRating: 'PG-13', credits, customFields: { studio: 'Syncopy' } });
  await alpha.admin.catalogue.setMetadata({ videoId: id, releaseYear: null, tags: [] });
  expect(await alpha.admin.catalogue.metadata({ videoId: id })).toMatchObject({ releaseYear: null, tags: [], categories: ['Drama', 'Science fiction'], episode: null });
});

it('refuses bad metadata with a message that says what to change', async () => {
  const id = await video(alpha.admin, 'Bad metadata');
  const bad = (changes: Parameters<typeof alpha.admin.catalogue.setMetadata>[0]) => alpha.admin.catalogue.setMetadata(changes);
  await expect(bad({ videoId: id, releaseYear: 1066 })).rejects.toThrow(/between 1870 and 2200/);
  await expect(bad({ videoId: id, credits: [{ role: 'Director', name: ' ' }] })).rejects.toThrow(/Credit 1 needs both a role/);
  await expect(bad({ videoId: id, customFields: { 'Box Office': '1' } })).rejects.toThrow(/"Box Office" is not a usable name/);
  await expect(bad({ videoId: id, tags: Array.from({ length: 51 }, (_, n) => `tag ${n}`) })).rejects.toThrow(/at most 50 tags/);
  await expect(bad({ videoId: id, categories: ['x'.repeat(61)] })).rejects.toThrow(/longer than 60 characters/);
  expect(await alpha.admin.catalogue.metadata({ videoId: id })).toMatchObject({ releaseYear: null, credits: [], customFields: {} });
});

it('orders episodes in seasons: placed, inserted, moved, reordered, removed; deleting a video or the series keeps the rest', async () => {
  const series = await alpha.admin.series.create({ title: 'The Office', categories: ['Comedy'] });
  const withSeasons = await alpha.admin.series.addSeason({ seriesId: series.id });
  await alpha.admin.series.addSeason({ seriesId: series.id, title: 'Second' });
  const [one, two] = (await alpha.admin.series.get({ seriesId: series.id })).seasons;
  expect(withSeasons.seasons.map((season) => season.number)).toEqual([1]);
  expect([one?.number, two?.number, two?.title]).toEqual([1, 2, 'Second']);
  const [pilot, diversity, health, basketball] = [
    await video(alpha.admin, 'Pilot'),
    await video(alpha.admin, 'Diversity Day'),
    await video(alpha.admin, 'Health Care'),
    await video(alpha.admin, 'Basketball'),
  ];
  for (const id of [pilot, diversity, basketball]) await alpha.admin.series.placeEpisode({ videoId: id!, seasonId: one!.id });
  let view = await alpha.admin.series.placeEpisode({ videoId: health!, seasonId: one!.id, episodeNumber: 3 });
  const titles = (seasonIndex: number) => view.seasons[seasonIndex]!.episodes.map((episode) => `${episode.episodeNumber} ${episode.title}`);
  expect(titles(0)).toEqual(['1 Pilot', '2 Diversity Day', '3 Health Care', '4 Basketball']);

  view = await alpha.admin.series.reorderEpisodes({ seasonId: one!.id, videoIds: [diversity!, pilot!, health!, basketball!] });
  expect(titles(0)).toEqual(['1 Diversity Day', '2 Pilot', '3 Health Care', '4 Basketball']);
  await expect(alpha.admin.series.reorderEpisodes({ seasonId: one!.id, videoIds: [pilot!, health!] })).rejects.toThrow(/every one of the 4 episodes/);

  view = await alpha.admin.series.placeEpisode({ videoId: pilot!, seasonId: two!.id });
  expect(titles(0)).toEqual(['1 Diversity Day', '2 Health Care', '3 Basketball']);
  expect(titles(1)).toEqual(['1 Pilot']);
  expect((await alpha.admin.catalogue.metadata({ videoId: pilot! })).episode).toMatchObject({ seriesTitle: 'The Office', seasonNumber: 2, episodeNumber: 1 });

  const other = await alpha.admin.series.create({ title: 'Parks and Recreation' });
  const otherSeason = (await alpha.admin.series.addSeason({ seriesId: other.id })).seasons[0]!;
  await expect(alpha.admin.series.placeEpisode({ videoId: pilot!, seasonId: otherSeason.id })).rejects.toThrow(/already an episode of the series "The Office"/);

  view = await alpha.admin.series.removeEpisode({ videoId: health! });
  expect(titles(0)).toEqual(['1 Diversity Day', '2 Basketball']);
  await alpha.admin.videos.delete({ videoId: basketball! });
  view = await alpha.admin.series.get({ seriesId: series.id });
  expect(titles(0)).toEqual(['1 Diversity Day']);

  await expect(alpha.admin.series.updateSeason({ seasonId: two!.id, number: 1 })).rejects.toThrow(/already has a season 1/);
  await alpha.admin.series.delete({ seriesId: series.id });
  await expect(alpha.admin.series.get({ seriesId: series.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect((await alpha.admin.videos.get({ videoId: pilot! })).title).toBe('Pilot');
  expect((await alpha.admin.catalogue.metadata({ videoId: pilot! })).episode).toBeNull();
});

it('keeps collections and their titles in the order given', async () => {
  const first = await alpha.admin.collections.create({ title: 'Staff picks' });
  const second = await alpha.admin.collections.create({ title: 'New this week', slug: 'new' });
  expect([first.slug, first.position, second.position]).toEqual(['staff-picks', 1, 2]);
  await expect(alpha.admin.collections.create({ title: 'Again', slug: 'staff-picks' })).rejects.toThrow(/already has the slug "staff-picks"/);
  await expect(alpha.admin.collections.create({ title: 'Bad', slug: 'Not A Slug' })).rejects.toThrow(/cannot be used in an address/);

  const film = await video(alpha.admin, 'Collected film');
  const another = await video(alpha.admin, 'Another film');
  const series = await alpha.admin.series.create({ title: 'Collected series' });
  await alpha.admin.collections.addItem({ collectionId: first.id, videoId: film });
  await alpha.admin.collections.addItem({ collectionId: first.id, seriesId: series.id });
  let view = await alpha.admin.collections.addItem({ collectionId: first.id, videoId: another, position: 1 });
  expect(view.items.map((item) => [item.position, item.type, item.title])).toEqual([
    [1, 'film', 'Another film'],
    [2, 'film', 'Collected film'],
    [3, 'series', 'Collected series'],
  ]);
  await expect(alpha.admin.collections.addItem({ collectionId: first.id, videoId: film })).rejects.toThrow(/already in the collection \(at position 2\)/);

  view = await alpha.admin.collections.reorderItems({ collectionId: first.id, itemIds: [view.items[2]!.id, view.items[0]!.id, view.items[1]!.id] });
  expect(view.items.map((item) => item.title)).toEqual(['Collected series', 'Another film', 'Collected film']);
  view = await alpha.admin.collections.removeItem({ collectionId: first.id, itemId: view.items[1]!.id });
  expect(view.items.map((item) => [item.position, item.title])).toEqual([
    [1, 'Collected series'],
    [2, 'Collected film'],
  ]);

  const reordered = await alpha.admin.collections.reorder({ collectionIds: [second.id, first.id] });
  expect(reordered.map((collection) => [collection.position, collection.slug, collection.itemCount])).toEqual([
    [1, 'new', 0],
    [2, 'staff-picks', 2],
  ]);
  await alpha.admin.collections.delete({ collectionId: second.id });
  expect((await alpha.admin.collections.list()).map((collection) => [collection.position, collection.slug])).toEqual([[1, 'staff-picks']]);
});

it('finds titles despite typos and accents, ranks title matches first, and filters by category, year and type', async () => {
  const interstellar = await video(alpha.admin, 'Interstellar', 'A team travels through a wormhole.');
  const godfather = await video(alpha.admin, 'The Godfather', 'A crime family saga.');
  const amelie = await video(alpha.admin, 'Le Fabuleux Destin d’Amélie Poulain');
  const mentions = await video(alpha.admin, 'Documentary about space', 'How Interstellar was made.');
  await alpha.admin.catalogue.setMetadata({ videoId: interstellar, categories: ['Sci-fi'], releaseYear: 2014 });
  await alpha.admin.catalogue.setMetadata({ videoId: godfather, categories: ['Crime'], releaseYear: 1972, credits: [{ role: 'Director', name: 'Francis Ford Coppola' }] });
  await alpha.admin.catalogue.setMetadata({ videoId: mentions, categories: ['Documentary'], releaseYear: 2015 });
  const series = await alpha.admin.series.create({ title: 'Cosmos Interstellar Tales', categories: ['Sci-fi'], releaseYear: 2020 });
  const episode = await video(alpha.admin, 'Episode one of the cosmos');
  await alpha.admin.series.addSeason({ seriesId: series.id });
  await alpha.admin.series.placeEpisode({ videoId: episode, seasonId: (await alpha.admin.series.get({ seriesId: series.id })).seasons[0]!.id });

  const ids = async (input: Parameters<typeof alpha.admin.catalogue.search>[0]) => (await alpha.admin.catalogue.search(input)).data.map((hit) => hit.id);
  expect((await ids({ query: 'intersteller' }))[0]).toBe(interstellar);
  expect(await ids({ query: 'godfahter' })).toEqual([godfather]);
  expect(await ids({ query: 'amelie' })).toEqual([amelie]);
  expect(await ids({ query: 'coppola' })).toEqual([godfather]);
  // The title match first, the description mention after it.
  const ranked = await ids({ query: 'interstellar', type: 'film' });
  expect(ranked.indexOf(interstellar)).toBe(0);
  expect(ranked).toContain(mentions);

  expect(await ids({ query: 'interstellar', type: 'series' })).toEqual([series.id]);
  expect(await ids({ query: 'cosmos', type: 'episode' })).toEqual([episode]);
  expect(new Set(await ids({ categories: ['Sci-fi'] }))).toEqual(new Set([interstellar, series.id]));
  expect(new Set(await ids({ yearFrom: 2014, yearTo: 2015 }))).toEqual(new Set([interstellar, mentions]));
  await expect(alpha.admin.catalogue.search({ yearFrom: 2020, yearTo: 2010 })).rejects.toThrow(/put the earlier year first/);
  expect(await alpha.admin.catalogue.categories()).toEqual(expect.arrayContaining(['Crime', 'Documentary', 'Sci-fi']));

  // Pages: every title once across pages of one.
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await alpha.admin.catalogue.search({ query: 'interstellar', limit: 1, cursor });
    seen.push(...page.data.map((hit) => hit.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(new Set(seen)).toEqual(new Set([interstellar, mentions, series.id]));
  expect(seen).toHaveLength(3);

  // Another tenant's search sees none of it.
  expect((await bravo.admin.catalogue.search({ query: 'interstellar' })).data).toEqual([]);
  expect(await bravo.admin.catalogue.categories()).toEqual([]);
});

it('never shows or changes one tenant’s series and collections to another', async () => {
  const series = await alpha.admin.series.create({ title: 'Alpha only' });
  const collection = await alpha.admin.collections.create({ title: 'Alpha row' });
  const bravoVideo = await video(bravo.admin, 'Bravo film');
  expect((await bravo.admin.series.list()).data.map((row) => row.title)).not.toContain('Alpha only');
  expect(await bravo.admin.collections.list()).toEqual([]);
  await expect(bravo.admin.collections.addItem({ collectionId: collection.id, videoId: bravoVideo })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  // Alpha cannot put bravo's video in its own series or collection either.
  await expect(alpha.admin.collections.addItem({ collectionId: collection.id, videoId: bravoVideo })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(alpha.admin.series.update({ seriesId: series.id, posterVideoId: bravoVideo })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect((await alpha.admin.series.get({ seriesId: series.id })).title).toBe('Alpha only');
});

it('numbers episodes and seasons placed at the same moment one after another, none lost', async () => {
  const series = await alpha.admin.series.create({ title: 'Placed at once' });
  const seasons = await Promise.all([1, 2, 3].map(() => alpha.admin.series.addSeason({ seriesId: series.id })));
  expect(seasons.length).toBe(3);
  const view = await alpha.admin.series.get({ seriesId: series.id });
  expect(view.seasons.map((season) => season.number)).toEqual([1, 2, 3]);
  const ids = await Promise.all(Array.from({ length: 8 }, (_, n) => video(alpha.admin, `At once ${n}`)));
  await Promise.all(ids.map((videoId) => alpha.admin.series.placeEpisode({ videoId, seasonId: view.seasons[0]!.id })));
  const placed = (await alpha.admin.series.get({ seriesId: series.id })).seasons[0]!.episodes;
  expect(placed.map((episode) => episode.episodeNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(new Set(placed.map((episode) => episode.videoId))).toEqual(new Set(ids));
});

it('shows a query that forgot its tenant filter only the scoped tenant’s catalogue rows (row-level security)', async () => {
  const series = await bravo.admin.series.create({ title: 'Bravo series' });
  const season = (await bravo.admin.series.addSeason({ seriesId: series.id })).seasons[0]!;
  await bravo.admin.series.placeEpisode({ videoId: await video(bravo.admin, 'Bravo episode'), seasonId: season.id });
  const collection = await bravo.admin.collections.create({ title: 'Bravo row' });
  await bravo.admin.collections.addItem({ collectionId: collection.id, seriesId: series.id });
  const tables = ['series', 'seasons', 'episodes', 'collections', 'collection_items'] as const;
  const seen = await withTenantScope(platform.database.db, alpha.session.tenantId, async (db) =>
    Promise.all(tables.map(async (table) => (await db.selectFrom(table).select('tenant_id').execute()).map((row) => row.tenant_id))),
  );
  for (const [index, tenants] of seen.entries()) expect(new Set(tenants), tables[index]).toEqual(new Set([alpha.session.tenantId]));
});
