// videos.list p99 over HTTP with 100 tenants × 10,000 videos, against the same page (rows + total) read with
// pg directly at the same concurrency: what the API layer (auth, tenant scope, tRPC, JSON) costs.
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { startBenchPlatform } from '../bench-platform.js';
import { percentile, round, type Benchmark } from '../benchmark.js';

export const apiList: Benchmark = async (options) => {
  const tenants = options.quick ? 10 : 100;
  const videosPerTenant = options.quick ? 1000 : 10_000;
  const seconds = options.quick ? 4 : 10;
  const connections = 16;
  const bench = await startBenchPlatform(options, 'api-list');
  try {
    options.log(`seeding ${tenants} tenants × ${videosPerTenant} videos`);
    await sql`
      insert into tenants (id, slug, name, status)
      select gen_random_uuid(), 'seeded-' || n, 'Seeded ' || n, 'active' from generate_series(1, ${tenants - 1}) as n`.execute(bench.database.db);
    await sql`
      insert into videos (tenant_id, title, status, source_key, source_filename, source_size, part_size, created_at, duration_seconds, width, height)
      select t.id, 'Film ' || n, 'ready', 'sources/' || t.id || '/' || n, 'film-' || n || '.mp4', 1000000 + n, 8388608,
             now() - (n || ' minutes')::interval, 60 + n % 3600, 1920, 1080
      from tenants t cross join generate_series(1, ${videosPerTenant}) as n`.execute(bench.database.db);
    await sql`analyze videos`.execute(bench.database.db);

    const input = encodeURIComponent(JSON.stringify({ limit: 50, offset: 0 }));
    const url = `${bench.platform.apiUrl}/trpc/videos.list?input=${input}`;
    const headers = { authorization: `Bearer ${bench.accessToken}` };
    await autocannon({ url, headers, connections: 4, duration: 2 });
    const ours = await autocannon({ url, headers, connections, duration: seconds });

    const reference = await directPage(bench.database.url, bench.tenantId, connections, seconds);
    const ratio = ours.latency.p99 / reference.p99;
    return {
      name: 'API',
      ours: { label: `\`videos.list\` p99, ${tenants} tenants × ${videosPerTenant} videos, ${connections} connections`, value: ours.latency.p99, unit: 'ms' },
      reference: { label: 'the same page + total with pg directly', value: round(reference.p99, 1), unit: 'ms' },
      ratio: round(ratio),
      target: '≤ 2×',
      met: ratio <= 2,
      notes: [
        `ours p50 ${ours.latency.p50} ms, ${round(ours.requests.average, 0)} req/s`,
        `pg p50 ${round(reference.p50, 1)} ms, ${round(reference.rate, 0)} req/s`,
        `errors ${ours.errors + ours.non2xx}`,
      ],
      command: 'npm run bench -- api',
    };
  } finally {
    await bench.stop();
  }
};

async function directPage(url: string, tenantId: string, connections: number, seconds: number) {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await Promise.all([
          pool.query('select * from videos where tenant_id = $1 order by created_at desc, id limit 50 offset 0', [tenantId]),
          pool.query('select count(*) from videos where tenant_id = $1', [tenantId]),
        ]);
        latencies.push(performance.now() - started);
      }
    }),
  );
  await pool.end();
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rate: latencies.length / seconds };
}
