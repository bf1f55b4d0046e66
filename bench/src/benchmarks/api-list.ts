// A page of the video library at 100 tenants × 10,000 videos (1M rows): `listVideos`, the domain function behind
// tRPC `videos.list` and REST `GET /v1/videos`, against the same page read with one raw indexed SQL query through
// pg, in the same run. Three pages of one tenant: the first, a deep one (a cursor near the end of the tenant's 10,000
// videos, where OFFSET would read them all) and a status-filtered one (a rare status). The headline is a page's
// latency: one caller, page after page. Ours and the reference alternate in short rounds so that the machine's other
// load falls on both alike. Notes add 4 concurrent callers, the same call on the tenant-scoped connection the API uses
// (row-level security: a round trip before and after), and `videos.list` over HTTP.
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { withTenantScope } from '@ott/control-plane/internals/tenant-scope';
import { listVideos, type ListVideosInput } from '@ott/control-plane/internals/video-library';
import { startBenchPlatform } from '../bench-platform.js';
import { percentile, round, type Benchmark } from '../benchmark.js';

const LIMIT = 50;
/** Callers at once in the notes' second measurement (the headline has one). */
const CONCURRENT = 4;
/** The library estimates transcode time left against a clock; these rows are all ready, so any clock does. */
const clock = { now: () => new Date() };

interface PageCase {
  name: string;
  input: ListVideosInput;
  /** The reference: one query, its parameters after the tenant id. */
  raw: { text: string; values: unknown[] };
}

export const apiList: Benchmark = async (options) => {
  const tenants = options.quick ? 10 : 100;
  const videosPerTenant = options.quick ? 1000 : 10_000;
  const rounds = options.quick ? 6 : 30;
  const roundMs = 500;
  const bench = await startBenchPlatform(options, 'api-list');
  const pool = new pg.Pool({ connectionString: bench.database.url, max: CONCURRENT });
  try {
    options.log(`seeding ${tenants} tenants × ${videosPerTenant} videos`);
    await sql`
      insert into tenants (id, slug, name, status)
      select gen_random_uuid(), 'seeded-' || n, 'Seeded ' || n, 'active' from generate_series(1, ${tenants - 1}) as n`.execute(bench.database.db);
    // One video in 50 failed: the filtered page has to skip most of the tenant's rows unless an index leads with status.
    await sql`
      insert into videos (tenant_id, title, status, source_key, source_filename, source_size, part_size, created_at, duration_seconds, width, height)
      select t.id, 'Film ' || n, case when n % 50 = 0 then 'failed' else 'ready' end, 'sources/' || t.id || '/' || n, 'film-' || n || '.mp4', 1000000 + n, 8388608,
             now() - (n || ' seconds')::interval, 60 + n % 3600, 1920, 1080
      from tenants t cross join generate_series(1, ${videosPerTenant}) as n`.execute(bench.database.db);
    await sql`vacuum analyze videos`.execute(bench.database.db);

    const deep = await pool.query<{ at: string; id: string }>(
      `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id from videos where tenant_id = $1 order by created_at desc, id desc offset $2 limit 1`,
      [bench.tenantId, videosPerTenant - LIMIT - 10],
    );
    const position = deep.rows[0]!;
    const deepCursor = Buffer.from(JSON.stringify([position.at, position.id]), 'utf8').toString('base64url');
    const cases: PageCase[] = [
      { name: 'page 1', input: { limit: LIMIT }, raw: { text: 'select * from videos where tenant_id = $1 order by created_at desc, id desc limit $2', values: [LIMIT + 1] } },
      {
        name: 'deep page',
        input: { limit: LIMIT, cursor: deepCursor },
        raw: {
          text: 'select * from videos where tenant_id = $1 and (created_at, id) < ($2::timestamptz, $3::uuid) order by created_at desc, id desc limit $4',
          values: [position.at, position.id, LIMIT + 1],
        },
      },
      {
        name: 'failed only',
        input: { limit: LIMIT, status: 'failed' },
        raw: { text: "select * from videos where tenant_id = $1 and status = 'failed' order by created_at desc, id desc limit $2", values: [LIMIT + 1] },
      },
    ];

    const plans = await Promise.all(cases.map(async (page) => `${page.name}: ${await planOf(pool, page.raw.text, [bench.tenantId, ...page.raw.values])}`));
    const results = [];
    for (const page of cases) {
      const expected = (await pool.query<{ id: string }>(page.raw.text, [bench.tenantId, ...page.raw.values])).rows.slice(0, LIMIT).map((row) => row.id);
      const served = await listVideos({ db: bench.database.db, clock }, bench.tenantId, page.input);
      if (served.data.map((video) => video.id).join() !== expected.join()) throw new Error(`listVideos and the raw query disagree on the ${page.name}`);
      const measure = async (callers: number, roundCount: number) => {
        options.log(`${page.name}: ${roundCount} alternating rounds of ${roundMs} ms, ${callers} at once`);
        const ours: number[] = [];
        const scoped: number[] = [];
        const reference: number[] = [];
        for (let round = 0; round < roundCount; round++) {
          reference.push(...(await latencies(callers, roundMs, () => pool.query(page.raw.text, [bench.tenantId, ...page.raw.values]))));
          ours.push(...(await latencies(callers, roundMs, () => listVideos({ db: bench.database.db, clock }, bench.tenantId, page.input))));
          scoped.push(...(await latencies(callers, roundMs, () => withTenantScope(bench.database.db, bench.tenantId, (db) => listVideos({ db, clock }, bench.tenantId, page.input)))));
        }
        return { ours: summary(ours), scoped: summary(scoped), reference: summary(reference) };
      };
      results.push({ page, single: await measure(1, rounds), concurrent: await measure(CONCURRENT, Math.ceil(rounds / 2)) });
    }

    const input = encodeURIComponent(JSON.stringify({ limit: LIMIT }));
    const url = `${bench.platform.apiUrl}/trpc/videos.list?input=${input}`;
    const headers = { authorization: `Bearer ${bench.accessToken}` };
    await autocannon({ url, headers, connections: CONCURRENT, duration: 2 });
    const http = await autocannon({ url, headers, connections: CONCURRENT, duration: options.quick ? 3 : 8 });

    // The headline is the worst of the three pages: the target holds for every one of them.
    const ratioOf = (measured: { ours: { p99: number }; reference: { p99: number } }) => measured.ours.p99 / measured.reference.p99;
    const worst = results.reduce((a, b) => (ratioOf(b.single) > ratioOf(a.single) ? b : a));
    const ratio = ratioOf(worst.single);
    const figures = (measured: Measured) =>
      `ours p50 ${round(measured.ours.p50, 2)} / p99 ${round(measured.ours.p99, 2)} ms, raw SQL p50 ${round(measured.reference.p50, 2)} / p99 ${round(measured.reference.p99, 2)} ms (${round(ratioOf(measured))}×); tenant-scoped as the API runs it p50 ${round(measured.scoped.p50, 2)} / p99 ${round(measured.scoped.p99, 2)} ms (${round(measured.scoped.p99 / measured.reference.p99)}×)`;
    return {
      name: 'API',
      ours: { label: `\`listVideos\` page of ${LIMIT} p99, worst of 3 pages (${worst.page.name}), ${tenants} tenants × ${videosPerTenant} videos`, value: round(worst.single.ours.p99, 2), unit: 'ms' },
      reference: { label: 'the same page with one raw indexed SQL query through pg', value: round(worst.single.reference.p99, 2), unit: 'ms' },
      ratio: round(ratio),
      target: '≤ 1.2×',
      met: ratio <= 1.2,
      notes: [
        ...results.map(({ page, single }) => `${page.name}, one caller: ${figures(single)}`),
        ...results.map(({ page, concurrent }) => `${page.name}, ${CONCURRENT} at once: ${figures(concurrent)}`),
        `\`videos.list\` over HTTP (token, tenant scope, tRPC, JSON), ${CONCURRENT} connections: p50 ${http.latency.p50} / p99 ${http.latency.p99} ms, ${round(http.requests.average, 0)} req/s, errors ${http.errors + http.non2xx}`,
        `plans (EXPLAIN, ${tenants * videosPerTenant} rows): ${plans.join('; ')}`,
      ],
      command: 'npm run bench -- api',
    };
  } finally {
    await pool.end();
    await bench.stop();
  }
};

/** `callers` loops calling `run` back to back for `ms`; each call's latency in milliseconds. */
async function latencies(callers: number, ms: number, run: () => Promise<unknown>): Promise<number[]> {
  const measured: number[] = [];
  const deadline = performance.now() + ms;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await run();
        measured.push(performance.now() - started);
      }
    }),
  );
  return measured;
}

interface Measured {
  ours: { p50: number; p99: number };
  scoped: { p50: number; p99: number };
  reference: { p50: number; p99: number };
}

function summary(values: readonly number[]) {
  return { p50: percentile(values, 0.5), p99: percentile(values, 0.99) };
}

/** The plan's node types, outermost first: an index scan with no Sort node is what keyset pagination needs. */
async function planOf(pool: pg.Pool, text: string, values: unknown[]): Promise<string> {
  const result = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (format json) ${text}`, values);
  const nodes: string[] = [];
  const visit = (node: PlanNode) => {
    nodes.push(node['Index Name'] ? `${node['Node Type']} using ${node['Index Name']}` : node['Node Type']);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(result.rows[0]!['QUERY PLAN'][0].Plan);
  return nodes.join(' → ');
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
