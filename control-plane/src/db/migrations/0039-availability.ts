import { sql, type Kysely } from 'kysely';

// When and where a video may be watched (domain/playback/title-availability.ts):
// - publish_at, unpublish_at: the window; either may be null (no start, no end); when both are set the end is after the start;
// - country_rule: 'allow' (only `countries` may watch) or 'deny' (everyone but `countries`), or null (everywhere);
//   `countries` holds ISO 3166-1 alpha-2 codes, checked by the domain against @ott/contracts' list.
// Columns of `videos`, which already carries tenant_id, row-level security and the playback-change trigger that
// evicts cached playback rows when they change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('videos')
    .addColumn('publish_at', 'timestamptz')
    .addColumn('unpublish_at', 'timestamptz')
    .addColumn('country_rule', 'text', (c) => c.check(sql`country_rule in ('allow', 'deny')`))
    .addColumn('countries', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
  await db.schema
    .alterTable('videos')
    .addCheckConstraint('videos_availability_window', sql`publish_at is null or unpublish_at is null or unpublish_at > publish_at`)
    .execute();
  // An allow list of no country would hide the title everywhere: the domain refuses it, and so does the table.
  await db.schema
    .alterTable('videos')
    .addCheckConstraint('videos_country_rule', sql`(country_rule is null and countries = '{}') or (country_rule is not null and cardinality(countries) > 0)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').dropConstraint('videos_country_rule').execute();
  await db.schema.alterTable('videos').dropConstraint('videos_availability_window').execute();
  await db.schema.alterTable('videos').dropColumn('countries').dropColumn('country_rule').dropColumn('unpublish_at').dropColumn('publish_at').execute();
}
