// What a tenant's storefront recommends, each title with the reason it is shown: what its audience watched this week
// (trending), what viewers who watched the same titles as this viewer also watched (because you watched X), and, on a
// title page, titles that share its categories and tags (more like this). Every query names the tenant and the caller
// runs it under the tenant's scope, so row-level security stands behind the filters.
import { sql } from 'kysely';
import type { Recommendation, RecommendationReason } from '@ott/contracts';
import type { DomainDeps } from '../deps.js';

export type { Recommendation } from '@ott/contracts';

type Deps = Pick<DomainDeps, 'db' | 'clock'>;

export interface RecommendationsInput {
  tenantId: string;
  /** The signed-in viewer (their pool's id), or null for an anonymous visitor: then nothing is personal. */
  viewerId: string | null;
  /** The title page being viewed: it is never recommended, and "more like this" is about it. */
  videoId?: string | undefined;
  limit: number;
}

const DAY_MS = 86_400_000;
/** Trending counts this many days of plays; a play today weighs this many times one on the oldest day. */
const TRENDING_DAYS = 7;
/** Co-viewing starts from the viewer's latest titles only, so one long-time viewer's query stays bounded. */
const SEED_TITLES = 20;
/**
 * Only the titles with the most co-viewers are scored (counting each one's whole audience is what costs): a title
 * few of this viewer's co-viewers watched would not make the row anyway.
 */
const CANDIDATES = 200;
/** The latest viewers of the seeds only: what this audience watches now, at a bounded cost on a popular title. */
const CO_VIEWERS = 1000;

/**
 * Up to `limit` titles, each once, with its strongest reason: a title that qualifies several ways is given the most
 * specific one (more like this, then because you watched, then trending). The reasons are then interleaved so a row
 * shows a mix rather than one kind first. A signed-in viewer is not recommended what they finished.
 */
export async function recommendationsFor(deps: Deps, input: RecommendationsInput): Promise<Recommendation[]> {
  const now = deps.clock.now();
  const history = input.viewerId === null ? [] : await viewingHistory(deps, input.tenantId, input.viewerId);
  const excluded = new Set(history.filter((row) => row.finished).map((row) => row.video_id));
  if (input.videoId !== undefined) excluded.add(input.videoId);
  // Enough of each kind that de-duplication and exclusions still leave `limit`.
  const wanted = input.limit * 2 + excluded.size;
  const lists = await Promise.all([
    input.videoId === undefined ? [] : moreLikeThis(deps, input.tenantId, input.videoId, now, wanted),
    history.length === 0 ? [] : becauseYouWatched(deps, input.tenantId, history, now, wanted),
    trending(deps, input.tenantId, now, wanted),
  ]);
  const chosen = new Set<string>(excluded);
  const ranked = lists.map((list) =>
    list.filter((recommendation) => {
      if (chosen.has(recommendation.videoId)) return false;
      chosen.add(recommendation.videoId);
      return true;
    }),
  );
  const mixed: Recommendation[] = [];
  for (let rank = 0; mixed.length < input.limit && ranked.some((list) => rank < list.length); rank += 1) {
    for (const list of ranked) {
      const next = list[rank];
      if (next !== undefined && mixed.length < input.limit) mixed.push(next);
    }
  }
  return mixed;
}

/**
 * Titles a storefront may show (`alias` names the videos row): ready, inside their publish window (as
 * playback/title-availability.ts decides it), and not token-mode: those are played only through the tenant's own site
 * with a token its backend signs, so they are not listed here. The viewer's country is not known here: a title page
 * says "not available in your country" when it is not.
 */
function showable(alias: string, now: Date) {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<boolean>`(${column('status')} = 'ready' and ${column('access_mode')} <> 'token'
    and (${column('publish_at')} is null or ${column('publish_at')} <= ${now})
    and (${column('unpublish_at')} is null or ${column('unpublish_at')} > ${now}))`;
}

/**
 * Audience plays (never the admin's previews) of the last seven days, each weighted by the seconds watched and by
 * its day: 7 today down to 1 six days ago. Ties go to the title, then the id, so the order never flickers.
 */
async function trending(deps: Deps, tenantId: string, now: Date, limit: number): Promise<Recommendation[]> {
  const since = new Date(now.getTime() - TRENDING_DAYS * DAY_MS);
  const score = sql<number>`sum(playback_sessions.watched_seconds * (${TRENDING_DAYS} - floor(extract(epoch from (${now}::timestamptz - playback_sessions.updated_at)) / 86400)))::float8`;
  const rows = await deps.db
    .selectFrom('playback_sessions')
    .innerJoin('videos', (join) => join.onRef('videos.id', '=', 'playback_sessions.video_id').onRef('videos.tenant_id', '=', 'playback_sessions.tenant_id'))
    .select(['videos.id', 'videos.title', score.as('score')])
    .where('playback_sessions.tenant_id', '=', tenantId)
    .where('videos.tenant_id', '=', tenantId)
    .where('playback_sessions.preview', '=', false)
    .where('playback_sessions.updated_at', '>', since)
    .where('playback_sessions.updated_at', '<=', now)
    .where(showable('videos', now))
    .groupBy(['videos.id', 'videos.title'])
    .having(score, '>', 0)
    .orderBy('score', 'desc')
    .orderBy('videos.title')
    .orderBy('videos.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ videoId: row.id, title: row.title, reason: { kind: 'trending' } }));
}

interface HistoryRow {
  video_id: string;
  finished: boolean;
}

/** Everything the viewer has a place in, latest first. */
function viewingHistory(deps: Deps, tenantId: string, viewerId: string): Promise<HistoryRow[]> {
  return deps.db
    .selectFrom('viewer_progress')
    .select(['video_id', 'finished'])
    .where('tenant_id', '=', tenantId)
    .where('viewer_id', '=', viewerId)
    .orderBy('updated_at', 'desc')
    .orderBy('video_id')
    .execute();
}

interface CoViewingRow {
  candidate: string;
  candidate_title: string;
  seed: string;
  seed_title: string;
  together: number;
  candidate_viewers: number;
  seed_viewers: number;
}

/**
 * Item-to-item co-viewing over viewer_progress: for each title the viewer watched (the seed), the other titles its
 * viewers also watched. Each pair scores its viewers in common over the geometric mean of the two titles' audiences
 * (cosine similarity), so a title everyone watches does not crowd out one this audience in particular watches; a
 * candidate's score is the sum over seeds, and the reason names the seed that gave the most.
 */
async function becauseYouWatched(deps: Deps, tenantId: string, history: readonly HistoryRow[], now: Date, limit: number): Promise<Recommendation[]> {
  const seeds = history.slice(0, SEED_TITLES).map((row) => row.video_id);
  const watched = history.map((row) => row.video_id);
  const { rows } = await sql<CoViewingRow>`
    with co_viewers as (
      select p.viewer_id, p.video_id as seed
      from viewer_progress p
      where p.tenant_id = ${tenantId} and p.video_id = any(${seeds}::uuid[])
      order by p.updated_at desc, p.viewer_id, p.video_id
      limit ${CO_VIEWERS}
    ),
    pairs as (
      select o.video_id as candidate, c.seed, count(*)::int as together
      from co_viewers c
      join viewer_progress o on o.tenant_id = ${tenantId} and o.viewer_id = c.viewer_id
      where o.video_id <> all(${watched}::uuid[])
      group by o.video_id, c.seed
    ),
    shortlist as (
      select candidate from pairs group by candidate order by sum(together) desc, candidate limit ${CANDIDATES}
    ),
    audiences as (
      select video_id, count(*)::int as viewers
      from viewer_progress
      where tenant_id = ${tenantId} and video_id in (select candidate from shortlist union select seed from pairs)
      group by video_id
    )
    select pairs.candidate, candidate.title as candidate_title, pairs.seed, seed.title as seed_title, pairs.together,
      ca.viewers as candidate_viewers, sa.viewers as seed_viewers
    from pairs
    join shortlist on shortlist.candidate = pairs.candidate
    join audiences ca on ca.video_id = pairs.candidate
    join audiences sa on sa.video_id = pairs.seed
    join videos candidate on candidate.id = pairs.candidate and candidate.tenant_id = ${tenantId}
    join videos seed on seed.id = pairs.seed and seed.tenant_id = ${tenantId}
    where ${showable('candidate', now)}
  `.execute(deps.db);
  const best = new Map<string, { title: string; score: number; seed: { videoId: string; title: string; weight: number } }>();
  for (const row of rows) {
    const weight = row.together / Math.sqrt(row.candidate_viewers * row.seed_viewers);
    const entry = best.get(row.candidate);
    if (entry === undefined) {
      best.set(row.candidate, { title: row.candidate_title, score: weight, seed: { videoId: row.seed, title: row.seed_title, weight } });
      continue;
    }
    entry.score += weight;
    if (weight > entry.seed.weight || (weight === entry.seed.weight && before(row.seed_title, row.seed, entry.seed.title, entry.seed.videoId))) {
      entry.seed = { videoId: row.seed, title: row.seed_title, weight };
    }
  }
  return [...best.entries()]
    .sort(([aId, a], [bId, b]) => b.score - a.score || (before(a.title, aId, b.title, bId) ? -1 : 1))
    .slice(0, limit)
    .map(([videoId, entry]) => ({ videoId, title: entry.title, reason: { kind: 'because-you-watched', videoId: entry.seed.videoId, title: entry.seed.title } }));
}

interface SimilarRow {
  id: string;
  title: string;
  categories: string[];
  tags: string[];
  similarity: number;
}

/**
 * Titles sharing categories or tags with the one being viewed (compared without regard to case), by Jaccard
 * similarity of their label sets, most similar first. The other episodes of its series are left out: the series
 * page already lists them in order, and "more like this" is for finding something else.
 */
async function moreLikeThis(deps: Deps, tenantId: string, videoId: string, now: Date, limit: number): Promise<Recommendation[]> {
  const seed = await deps.db
    .selectFrom('videos')
    .leftJoin('episodes', (join) => join.onRef('episodes.video_id', '=', 'videos.id').onRef('episodes.tenant_id', '=', 'videos.tenant_id'))
    .select(['videos.id', 'videos.title', 'videos.categories', 'videos.tags', 'episodes.series_id'])
    .where('videos.tenant_id', '=', tenantId)
    .where('videos.id', '=', videoId)
    .executeTakeFirst();
  if (seed === undefined) return [];
  const labels = distinctLabels([...seed.categories, ...seed.tags]);
  if (labels.length === 0) return [];
  const lowered = labels.map((label) => label.toLowerCase());
  const { rows } = await sql<SimilarRow>`
    with candidates as (
      select v.id, v.title, v.categories, v.tags,
        (select count(distinct lower(label)) from unnest(v.categories || v.tags) label where lower(label) = any(${lowered}::text[]))::int as shared,
        (select count(distinct lower(label)) from unnest(v.categories || v.tags) label)::int as own
      from videos v
      where v.tenant_id = ${tenantId} and v.id <> ${videoId} and ${showable('v', now)}
        and not exists (
          select 1 from episodes e
          where e.tenant_id = ${tenantId} and e.video_id = v.id and e.series_id = ${seed.series_id}::uuid
        )
    )
    select id, title, categories, tags, shared::float8 / (own + ${lowered.length} - shared) as similarity
    from candidates
    where shared > 0
    order by similarity desc, title, id
    limit ${limit}
  `.execute(deps.db);
  return rows.map((row) => {
    const theirs = new Set([...row.categories, ...row.tags].map((label) => label.toLowerCase()));
    const reason: RecommendationReason = { kind: 'more-like-this', videoId: seed.id, title: seed.title, shared: labels.filter((label) => theirs.has(label.toLowerCase())) };
    return { videoId: row.id, title: row.title, reason };
  });
}

/** The labels once each, as first spelled (a category and a tag of the same name are one label). */
function distinctLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  return labels.filter((label) => {
    const key = label.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The deterministic order for equal scores: by title, then id. */
function before(aTitle: string, aId: string, bTitle: string, bId: string): boolean {
  return aTitle < bTitle || (aTitle === bTitle && aId < bId);
}
