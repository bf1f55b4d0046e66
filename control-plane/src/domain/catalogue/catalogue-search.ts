// Search across a tenant's catalogue: films, episodes and series in one ranked list. Full-text on a document the
// database generates (0038: title weighted A, categories and tags B, credits C, description D; 'simple' configuration
// and unaccent, so names match as typed and "Amelie" finds "Amélie"), each word a prefix; plus trigram word
// similarity on the title, so a typo ("intersteller", "godfahter") still finds it. Filters by category, release year
// and type. The rank adds the full-text rank, the word similarity (the typed words against the closest part of the
// title) and the whole-title similarity, so "intersteller" puts "Interstellar" before "Cosmos Interstellar Tales". Ranked results page by offset, kept in the same opaque cursor as the keyset lists (pagination.ts).
import { CATALOGUE_LIMITS as LIMITS, type CatalogueTitleType } from '@ott/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { DomainDeps } from '../deps.js';
import { invalid } from '../errors.js';
import { decodeCursor, encodeCursor, type Page } from '../pagination.js';

export interface CatalogueSearchInput {
  query?: string;
  /** Titles in any of these categories (as the tenant spelled them). */
  categories?: readonly string[];
  yearFrom?: number;
  yearTo?: number;
  type?: CatalogueTitleType;
  limit: number;
  cursor?: string;
}

export interface CatalogueSearchHit {
  type: CatalogueTitleType;
  /** The video's id for a film or an episode, the series' id for a series. */
  id: string;
  title: string;
  description: string;
  categories: string[];
  releaseYear: number | null;
  maturityRating: string | null;
  /** The video's status; null for a series. */
  status: string | null;
  /** Where an episode stands; null for films and series. */
  episode: { seriesId: string; seriesTitle: string; seasonNumber: number; episodeNumber: number } | null;
}

/** How close a title must be to the words typed (pg_trgm word similarity, 0…1): "godfahter" is 0.5 from "The Godfather". */
const TYPO_TOLERANCE = 0.45;
/** Ranked search pages by offset: past this, refine the query instead. */
const MAX_OFFSET = 10_000;

/** The words typed, each a prefix ("inter stel" → `inter:* & stel:*`); punctuation is not part of any word. */
function prefixQuery(query: string): string | null {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(' & ');
}

function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const position = decodeCursor(cursor);
  const offset = /^\d{1,6}$/.test(position.value) ? Number(position.value) : NaN;
  if (!Number.isInteger(offset) || offset > MAX_OFFSET) throw invalid('The cursor is not one this search gave: pass back its nextCursor unchanged, or leave it out to start at the first page.');
  return offset;
}

function checkedSearch(input: CatalogueSearchInput) {
  const query = (input.query ?? '').trim();
  if (query.length > LIMITS.searchQueryLength) throw invalid(`Search for at most ${LIMITS.searchQueryLength} characters.`);
  if (input.yearFrom !== undefined && input.yearTo !== undefined && input.yearFrom > input.yearTo) {
    throw invalid(`The year range runs from ${input.yearFrom} to ${input.yearTo}: put the earlier year first.`);
  }
  return { query, words: prefixQuery(query) };
}

export async function searchCatalogue(deps: Pick<DomainDeps, 'db'>, tenantId: string, input: CatalogueSearchInput): Promise<Page<CatalogueSearchHit>> {
  const { query, words } = checkedSearch(input);
  const offset = offsetOf(input.cursor);
  const typed = words === null ? null : { tsquery: sql`to_tsquery('simple', ott_unaccent(${words}))`, text: sql`ott_unaccent(lower(${query}))` };

  const filters = (table: 'v' | 's'): RawBuilder<unknown>[] => {
    const where: RawBuilder<unknown>[] = [sql`${sql.ref(`${table}.tenant_id`)} = ${tenantId}`];
    if (input.categories && input.categories.length > 0) where.push(sql`${sql.ref(`${table}.categories`)} && ${[...input.categories]}::text[]`);
    if (input.yearFrom !== undefined) where.push(sql`${sql.ref(`${table}.release_year`)} >= ${input.yearFrom}`);
    if (input.yearTo !== undefined) where.push(sql`${sql.ref(`${table}.release_year`)} <= ${input.yearTo}`);
    if (typed) {
      where.push(sql`(${sql.ref(`${table}.search_document`)} @@ ${typed.tsquery} or ott_unaccent(lower(${sql.ref(`${table}.title`)})) %> ${typed.text})`);
    }
    return where;
  };
  const rank = (table: 'v' | 's') =>
    typed
      ? sql`ts_rank(${sql.ref(`${table}.search_document`)}, ${typed.tsquery}) + word_similarity(${typed.text}, ott_unaccent(lower(${sql.ref(`${table}.title`)}))) + similarity(${typed.text}, ott_unaccent(lower(${sql.ref(`${table}.title`)})))`
      : sql`0`;

  const branches: RawBuilder<unknown>[] = [];
  if (input.type !== 'series') {
    const episodeFilter = input.type === 'film' ? sql` and e.video_id is null` : input.type === 'episode' ? sql` and e.video_id is not null` : sql``;
    branches.push(sql`
      select case when e.video_id is null then 'film' else 'episode' end as type, v.id, v.title, v.description, v.categories, v.release_year,
             v.maturity_rating, v.status::text as status, v.created_at, e.series_id as episode_series_id, se.title as episode_series_title,
             sn.number as season_number, e.episode_number, ${rank('v')} as rank
      from videos v
      left join episodes e on e.video_id = v.id
      left join seasons sn on sn.id = e.season_id
      left join series se on se.id = e.series_id
      where ${sql.join(filters('v'), sql` and `)}${episodeFilter}`);
  }
  if (input.type === undefined || input.type === 'series') {
    branches.push(sql`
      select 'series' as type, s.id, s.title, s.description, s.categories, s.release_year, s.maturity_rating, null as status, s.created_at,
             null::uuid as episode_series_id, null as episode_series_title, null::integer as season_number, null::integer as episode_number, ${rank('s')} as rank
      from series s
      where ${sql.join(filters('s'), sql` and `)}`);
  }

  interface Row {
    type: CatalogueTitleType;
    id: string;
    title: string;
    description: string;
    categories: string[];
    release_year: number | null;
    maturity_rating: string | null;
    status: string | null;
    episode_series_id: string | null;
    episode_series_title: string | null;
    season_number: number | null;
    episode_number: number | null;
  }
  const order = typed ? sql`rank desc, title, id` : sql`created_at desc, id desc`;
  const statement = sql<Row>`select * from (${sql.join(branches, sql` union all `)}) as titles order by ${order} limit ${input.limit + 1} offset ${offset}`;
  // The typo tolerance is a setting of the `%>` operator (which the trigram indexes serve), set for this one
  // transaction only.
  const rows = await deps.db.transaction().execute(async (db) => {
    await sql`select set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_TOLERANCE)}, true)`.execute(db);
    return (await statement.execute(db)).rows;
  });
  const shown = rows.slice(0, input.limit);
  const last = shown.at(-1);
  return {
    data: shown.map((row) => ({
      type: row.type,
      id: row.id,
      title: row.title,
      description: row.description,
      categories: row.categories,
      releaseYear: row.release_year,
      maturityRating: row.maturity_rating,
      status: row.status,
      episode:
        row.episode_series_id !== null && row.season_number !== null && row.episode_number !== null
          ? { seriesId: row.episode_series_id, seriesTitle: row.episode_series_title ?? '', seasonNumber: row.season_number, episodeNumber: row.episode_number }
          : null,
    })),
    nextCursor: rows.length > input.limit && last !== undefined && offset + input.limit <= MAX_OFFSET ? encodeCursor({ value: String(offset + input.limit), id: last.id }) : null,
  };
}

/** Every category the tenant's titles use, for a filter to offer (bounded by the per-title limit × titles, sorted). */
export async function catalogueCategories(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<string[]> {
  const { rows } = await sql<{ category: string }>`
    select distinct category from (
      select unnest(categories) as category from videos where tenant_id = ${tenantId}
      union all
      select unnest(categories) from series where tenant_id = ${tenantId}
    ) as used order by category limit 1000`.execute(deps.db);
  return rows.map((row) => row.category);
}
