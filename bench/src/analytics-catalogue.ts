// A tenant with a catalogue of ready videos of one duration, for the analytics benchmarks.
import type { BenchDatabase } from './bench-database.js';

export async function analyticsCatalogue(db: BenchDatabase['db'], slug: string, videos: number, durationSeconds: number): Promise<{ tenantId: string; videoIds: string[] }> {
  const { id: tenantId } = await db.insertInto('tenants').values({ slug, name: 'Analytics', status: 'active', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const rows = await db
    .insertInto('videos')
    .values(
      Array.from({ length: videos }, (_, index) => ({
        tenant_id: tenantId,
        title: `Film ${index}`,
        access_mode: 'public' as const,
        status: 'ready' as const,
        source_key: `s/${index}`,
        source_filename: 'f.mp4',
        source_size: 1,
        part_size: 1,
        duration_seconds: durationSeconds,
      })),
    )
    .returning('id')
    .execute();
  return { tenantId, videoIds: rows.map((row) => row.id) };
}
