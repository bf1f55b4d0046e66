// Series → seasons → episodes. A season is numbered within its series; an episode is a video placed in a season, its
// number contiguous from 1 in the season's order (placing one at 3 moves the old 3 to 4). A video is in at most one
// series. Removing a season, or deleting the series, takes the placements away and keeps every video.
import { CATALOGUE_LIMITS as LIMITS } from '@ott/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { conflict, invalid, limitExceeded, notFound } from '../errors.js';
import { decodeCursorOf, exactTimestamp, pageOf, pastCursor, type Page } from '../pagination.js';
import { videoOfTenant } from '../videos/video-access.js';
import { checkedDescription, checkedLabels, checkedMaturityRating, checkedOrder, checkedReleaseYear, checkedTitle } from './catalogue-rules.js';
import { applyOrder, closeGap, insertionPoint, lockLists, openGap, type OrderedList } from './ordered-rows.js';

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

export interface EpisodeView {
  videoId: string;
  episodeNumber: number;
  title: string;
  status: string;
  durationSeconds: number | null;
}

export interface SeasonView {
  id: string;
  number: number;
  title: string;
  episodes: EpisodeView[];
}

export interface SeriesFields {
  title: string;
  description: string;
  categories: string[];
  tags: string[];
  releaseYear: number | null;
  maturityRating: string | null;
  /** The video whose poster stands for the series. */
  posterVideoId: string | null;
}

export interface SeriesSummary extends SeriesFields {
  id: string;
  createdAt: string;
  seasonCount: number;
  episodeCount: number;
}

export interface SeriesView extends SeriesFields {
  id: string;
  createdAt: string;
  seasons: SeasonView[];
}

export type SeriesChanges = Partial<SeriesFields>;

async function checkedChanges(deps: Pick<DomainDeps, 'db'>, tenantId: string, changes: SeriesChanges) {
  if (changes.posterVideoId) await videoOfTenant(deps, tenantId, changes.posterVideoId);
  return {
    ...(changes.title !== undefined ? { title: checkedTitle('The series', changes.title, LIMITS.seriesTitleLength) } : {}),
    ...(changes.description !== undefined ? { description: checkedDescription(changes.description) } : {}),
    ...(changes.categories !== undefined ? { categories: checkedLabels('categories', changes.categories) } : {}),
    ...(changes.tags !== undefined ? { tags: checkedLabels('tags', changes.tags) } : {}),
    ...(changes.releaseYear !== undefined ? { release_year: checkedReleaseYear(changes.releaseYear) } : {}),
    ...(changes.maturityRating !== undefined ? { maturity_rating: checkedMaturityRating(changes.maturityRating) } : {}),
    ...(changes.posterVideoId !== undefined ? { poster_video_id: changes.posterVideoId } : {}),
  };
}

export async function createSeries(deps: Deps, tenantId: string, fields: SeriesChanges & { title: string }): Promise<SeriesView> {
  const values = await checkedChanges(deps, tenantId, fields);
  const created = await deps.db
    .insertInto('series')
    .values({ ...values, title: values.title ?? fields.title, tenant_id: tenantId, updated_at: deps.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getSeries(deps, tenantId, created.id);
}

export async function updateSeries(deps: Deps, tenantId: string, seriesId: string, changes: SeriesChanges): Promise<SeriesView> {
  await seriesOfTenant(deps.db, tenantId, seriesId);
  const values = await checkedChanges(deps, tenantId, changes);
  await deps.db
    .updateTable('series')
    .set({ ...values, updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', seriesId)
    .execute();
  return getSeries(deps, tenantId, seriesId);
}

/** Deletes the series and its seasons; its videos stay in the library as films. */
export async function deleteSeries(deps: Pick<DomainDeps, 'db'>, tenantId: string, seriesId: string): Promise<void> {
  const deleted = await deps.db.deleteFrom('series').where('tenant_id', '=', tenantId).where('id', '=', seriesId).executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw notFound('The series');
}

async function seriesOfTenant(db: Kysely<Database>, tenantId: string, seriesId: string) {
  const series = await db.selectFrom('series').selectAll().select(exactTimestamp('created_at').as('created_at_exact')).where('tenant_id', '=', tenantId).where('id', '=', seriesId).executeTakeFirst();
  if (!series) throw notFound('The series');
  return series;
}

function fieldsOf(row: {
  title: string;
  description: string;
  categories: string[];
  tags: string[];
  release_year: number | null;
  maturity_rating: string | null;
  poster_video_id: string | null;
}): SeriesFields {
  return {
    title: row.title,
    description: row.description,
    categories: row.categories,
    tags: row.tags,
    releaseYear: row.release_year,
    maturityRating: row.maturity_rating,
    posterVideoId: row.poster_video_id,
  };
}

export async function getSeries(deps: Pick<DomainDeps, 'db'>, tenantId: string, seriesId: string): Promise<SeriesView> {
  const series = await seriesOfTenant(deps.db, tenantId, seriesId);
  const [seasons, episodes] = await Promise.all([
    deps.db.selectFrom('seasons').select(['id', 'number', 'title']).where('tenant_id', '=', tenantId).where('series_id', '=', seriesId).orderBy('number').execute(),
    deps.db
      .selectFrom('episodes')
      .innerJoin('videos', 'videos.id', 'episodes.video_id')
      .select(['episodes.video_id', 'episodes.season_id', 'episodes.episode_number', 'videos.title', 'videos.status', 'videos.duration_seconds'])
      .where('episodes.tenant_id', '=', tenantId)
      .where('episodes.series_id', '=', seriesId)
      .orderBy('episodes.episode_number')
      .execute(),
  ]);
  return {
    id: series.id,
    createdAt: series.created_at_exact,
    ...fieldsOf(series),
    seasons: seasons.map((season) => ({
      ...season,
      episodes: episodes
        .filter((episode) => episode.season_id === season.id)
        .map((episode) => ({ videoId: episode.video_id, episodeNumber: episode.episode_number, title: episode.title, status: episode.status, durationSeconds: episode.duration_seconds })),
    })),
  };
}

/** The tenant's series, newest first, by keyset like the video library. */
export async function listSeries(deps: Pick<DomainDeps, 'db'>, tenantId: string, input: { limit: number; cursor?: string }): Promise<Page<SeriesSummary>> {
  const after = input.cursor === undefined ? undefined : decodeCursorOf(input.cursor, 'timestamp');
  const rows = await deps.db
    .selectFrom('series')
    .where('tenant_id', '=', tenantId)
    .$if(after !== undefined, (page) => page.where(pastCursor('created_at', 'desc', after!, 'timestamp')))
    .selectAll()
    .select(exactTimestamp('created_at').as('created_at_exact'))
    .select((eb) => [
      eb.selectFrom('seasons').select(eb.fn.countAll<string>().as('n')).whereRef('seasons.series_id', '=', 'series.id').as('season_count'),
      eb.selectFrom('episodes').select(eb.fn.countAll<string>().as('n')).whereRef('episodes.series_id', '=', 'series.id').as('episode_count'),
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return pageOf(
    rows,
    input.limit,
    (row) => ({ value: row.created_at_exact, id: row.id }),
    (row): SeriesSummary => ({
      id: row.id,
      createdAt: row.created_at_exact,
      ...fieldsOf(row),
      seasonCount: Number(row.season_count ?? 0),
      episodeCount: Number(row.episode_count ?? 0),
    }),
  );
}

async function seasonOfTenant(db: Kysely<Database>, tenantId: string, seasonId: string) {
  const season = await db.selectFrom('seasons').selectAll().where('tenant_id', '=', tenantId).where('id', '=', seasonId).executeTakeFirst();
  if (!season) throw notFound('The season');
  return season;
}

function checkedSeasonNumber(number: number): number {
  if (!Number.isInteger(number) || number < 0 || number > 10_000) throw invalid(`A season number is a whole number from 0 (specials) to 10000 (${number} given).`);
  return number;
}

/** Adds a season, numbered after the last one unless a number is given. */
export async function addSeason(deps: Deps, tenantId: string, seriesId: string, season: { number?: number; title?: string }): Promise<SeriesView> {
  await seriesOfTenant(deps.db, tenantId, seriesId);
  await deps.db.transaction().execute(async (db) => {
    await lockLists(db, `series:${seriesId}`);
    const existing = await db.selectFrom('seasons').select('number').where('tenant_id', '=', tenantId).where('series_id', '=', seriesId).execute();
    if (existing.length >= LIMITS.seasonsPerSeries) throw limitExceeded(`A series can have at most ${LIMITS.seasonsPerSeries} seasons.`);
    const number = season.number === undefined ? Math.max(0, ...existing.map((row) => row.number)) + 1 : checkedSeasonNumber(season.number);
    if (existing.some((row) => row.number === number)) throw conflict(`The series already has a season ${number}: choose another number, or renumber that season first.`);
    await db
      .insertInto('seasons')
      .values({ tenant_id: tenantId, series_id: seriesId, number, title: (season.title ?? '').trim().slice(0, LIMITS.seriesTitleLength) })
      .execute();
  });
  return getSeries(deps, tenantId, seriesId);
}

export async function updateSeason(deps: Deps, tenantId: string, seasonId: string, changes: { number?: number; title?: string }): Promise<SeriesView> {
  const season = await seasonOfTenant(deps.db, tenantId, seasonId);
  if (changes.number !== undefined && changes.number !== season.number) {
    const number = checkedSeasonNumber(changes.number);
    const taken = await deps.db.selectFrom('seasons').select('id').where('tenant_id', '=', tenantId).where('series_id', '=', season.series_id).where('number', '=', number).executeTakeFirst();
    if (taken) throw conflict(`The series already has a season ${number}: renumber that season first.`);
  }
  await deps.db
    .updateTable('seasons')
    .set({
      ...(changes.number !== undefined ? { number: changes.number } : {}),
      ...(changes.title !== undefined ? { title: changes.title.trim().slice(0, LIMITS.seriesTitleLength) } : {}),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', seasonId)
    .execute();
  return getSeries(deps, tenantId, season.series_id);
}

/** Removes the season; its episodes' videos leave the series and stay in the library. */
export async function removeSeason(deps: Deps, tenantId: string, seasonId: string): Promise<SeriesView> {
  const season = await seasonOfTenant(deps.db, tenantId, seasonId);
  await deps.db.deleteFrom('seasons').where('tenant_id', '=', tenantId).where('id', '=', seasonId).execute();
  return getSeries(deps, tenantId, season.series_id);
}

const seasonList = (tenantId: string, seasonId: string): OrderedList => ({ table: 'episodes', key: 'video_id', column: 'episode_number', scope: { tenant_id: tenantId, season_id: seasonId } });

/**
 * Places a video in a season as episode `episodeNumber` (the end when left out), or moves it there from another place
 * in the same series. A video that is an episode of another series must be removed from it first.
 */
export async function placeEpisode(deps: Deps, tenantId: string, input: { videoId: string; seasonId: string; episodeNumber?: number }): Promise<SeriesView> {
  const video = await videoOfTenant(deps, tenantId, input.videoId);
  const season = await seasonOfTenant(deps.db, tenantId, input.seasonId);
  await deps.db.transaction().execute(async (db) => {
    await lockLists(db, `series:${season.series_id}`);
    const current = await db.selectFrom('episodes').selectAll().where('tenant_id', '=', tenantId).where('video_id', '=', input.videoId).forUpdate().executeTakeFirst();
    if (current && current.series_id !== season.series_id) {
      const other = await db.selectFrom('series').select('title').where('id', '=', current.series_id).executeTakeFirstOrThrow();
      throw conflict(`"${video.title}" is already an episode of the series "${other.title}": remove it from that series first (a video is in at most one series).`);
    }
    if (current) {
      await db.deleteFrom('episodes').where('video_id', '=', input.videoId).execute();
      await closeGap(db, seasonList(tenantId, current.season_id), current.episode_number);
    }
    const list = seasonList(tenantId, season.id);
    const { at, count } = await insertionPoint(db, list, input.episodeNumber);
    if (count >= LIMITS.episodesPerSeason) throw limitExceeded(`A season can have at most ${LIMITS.episodesPerSeason} episodes.`);
    await openGap(db, list, at);
    await db.insertInto('episodes').values({ video_id: input.videoId, tenant_id: tenantId, series_id: season.series_id, season_id: season.id, episode_number: at }).execute();
  });
  return getSeries(deps, tenantId, season.series_id);
}

/** Takes the video out of its series (it stays in the library); the later episodes of its season move up one. */
export async function removeEpisode(deps: Deps, tenantId: string, videoId: string): Promise<SeriesView> {
  const placed = await deps.db.selectFrom('episodes').select('series_id').where('tenant_id', '=', tenantId).where('video_id', '=', videoId).executeTakeFirst();
  if (!placed) throw notFound('The episode');
  const seriesId = await deps.db.transaction().execute(async (db) => {
    await lockLists(db, `series:${placed.series_id}`);
    // Read again under the lock: it may have moved or left meanwhile.
    const current = await db.selectFrom('episodes').selectAll().where('tenant_id', '=', tenantId).where('video_id', '=', videoId).forUpdate().executeTakeFirst();
    if (!current) throw notFound('The episode');
    await db.deleteFrom('episodes').where('video_id', '=', videoId).execute();
    await closeGap(db, seasonList(tenantId, current.season_id), current.episode_number);
    return current.series_id;
  });
  return getSeries(deps, tenantId, seriesId);
}

/** Numbers the season's episodes 1…n in the order given (every episode of the season, once). */
export async function reorderEpisodes(deps: Deps, tenantId: string, seasonId: string, videoIds: readonly string[]): Promise<SeriesView> {
  const season = await seasonOfTenant(deps.db, tenantId, seasonId);
  await deps.db.transaction().execute(async (db) => {
    await lockLists(db, `series:${season.series_id}`);
    const current = await db.selectFrom('episodes').select('video_id').where('tenant_id', '=', tenantId).where('season_id', '=', seasonId).forUpdate().execute();
    checkedOrder(
      'episodes of the season',
      videoIds,
      current.map((row) => row.video_id),
    );
    await applyOrder(db, seasonList(tenantId, seasonId), videoIds);
  });
  return getSeries(deps, tenantId, season.series_id);
}

/** Where a video stands in its series, if it is an episode (for the video page). */
export async function episodePlacement(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string) {
  return (
    (await deps.db
      .selectFrom('episodes')
      .innerJoin('series', 'series.id', 'episodes.series_id')
      .innerJoin('seasons', 'seasons.id', 'episodes.season_id')
      .select(['series.id as seriesId', 'series.title as seriesTitle', 'seasons.id as seasonId', 'seasons.number as seasonNumber', 'episodes.episode_number as episodeNumber'])
      .where((eb) => eb.and({ 'episodes.tenant_id': tenantId, 'episodes.video_id': videoId }))
      .executeTakeFirst()) ?? null
  );
}
