import { sql, type Kysely } from 'kysely';

// The catalogue (issue 17): metadata on each video, series → seasons → episodes, collections (curated, ordered rows)
// and search. domain/catalogue/ owns the rules; this migration only keeps what those rules decide.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Trusted extensions (PostgreSQL 13+): a database owner may create them. unaccent so that "Amelie" finds "Amélie";
  // pg_trgm so that a typo ("intersteller") still finds the title.
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  // unaccent() is only stable (its dictionary could change), and an index or generated column needs an immutable
  // expression: naming the dictionary and declaring the wrapper immutable is the documented way round it.
  await sql`
    create or replace function ott_unaccent(value text) returns text
    language sql immutable parallel safe strict
    as $$ select public.unaccent('public.unaccent'::regdictionary, value) $$`.execute(db);
  // What search matches against: the title weighs most (A), then categories and tags (B), credits (C), the
  // description (D). The 'simple' configuration does not stem, so people's names and foreign titles match as typed.
  await sql`
    create or replace function ott_catalogue_document(title text, description text, categories text[], tags text[], credit_names text)
    returns tsvector language sql immutable parallel safe
    as $$
      select setweight(to_tsvector('simple'::regconfig, ott_unaccent(coalesce(title, ''))), 'A')
          || setweight(to_tsvector('simple'::regconfig, ott_unaccent(array_to_string(coalesce(categories, '{}') || coalesce(tags, '{}'), ' '))), 'B')
          || setweight(to_tsvector('simple'::regconfig, ott_unaccent(coalesce(credit_names, ''))), 'C')
          || setweight(to_tsvector('simple'::regconfig, ott_unaccent(coalesce(description, ''))), 'D')
    $$`.execute(db);
  await sql`
    create or replace function ott_credit_names(credits jsonb) returns text
    language sql immutable parallel safe
    as $$ select coalesce(string_agg(credit->>'name', ' '), '') from jsonb_array_elements(coalesce(credits, '[]'::jsonb)) as credit $$`.execute(db);

  await db.schema
    .alterTable('videos')
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('release_year', 'integer')
    .addColumn('maturity_rating', 'text')
    // [{ role, name }] in the order the tenant gave them.
    .addColumn('credits', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // { key: value }, tenant-defined, bounded by packages/contracts.
    .addColumn('custom_fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`alter table videos add column search_document tsvector generated always as (ott_catalogue_document(title, description, categories, tags, ott_credit_names(credits))) stored`.execute(db);
  await sql`create index videos_search_document on videos using gin (search_document)`.execute(db);
  await sql`create index videos_title_trigram on videos using gin (ott_unaccent(lower(title)) gin_trgm_ops)`.execute(db);
  await sql`create index videos_categories on videos using gin (categories)`.execute(db);

  await db.schema
    .createTable('series')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('release_year', 'integer')
    .addColumn('maturity_rating', 'text')
    // The poster is a video's poster; the series keeps its title when that video is deleted.
    .addColumn('poster_video_id', 'uuid', (c) => c.references('videos.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`alter table series add column search_document tsvector generated always as (ott_catalogue_document(title, description, categories, tags, '')) stored`.execute(db);
  await db.schema.createIndex('series_tenant_created').on('series').columns(['tenant_id', 'created_at', 'id']).execute();
  await sql`create index series_search_document on series using gin (search_document)`.execute(db);
  await sql`create index series_title_trigram on series using gin (ott_unaccent(lower(title)) gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable('seasons')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('series_id', 'uuid', (c) => c.notNull().references('series.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Deferrable so that renumbering (swapping seasons 1 and 2) happens in one transaction.
  await sql`alter table seasons add constraint seasons_series_number unique (series_id, number) deferrable initially immediate`.execute(db);

  // An episode is a video placed in a season. The video is the key: a video is in at most one series. Deleting the
  // video removes the episode; deleting the season or the series removes the placement and keeps the video.
  await db.schema
    .createTable('episodes')
    .addColumn('video_id', 'uuid', (c) => c.primaryKey().references('videos.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('series_id', 'uuid', (c) => c.notNull().references('series.id').onDelete('cascade'))
    .addColumn('season_id', 'uuid', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
    .addColumn('episode_number', 'integer', (c) => c.notNull())
    .execute();
  await sql`alter table episodes add constraint episodes_season_number unique (season_id, episode_number) deferrable initially immediate`.execute(db);
  await db.schema.createIndex('episodes_series').on('episodes').column('series_id').execute();

  // Collections: curated rows for the storefront's home, in `position` order; items in their own `position` order.
  await db.schema
    .createTable('collections')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('collections_tenant_slug').on('collections').columns(['tenant_id', 'slug']).unique().execute();
  await sql`alter table collections add constraint collections_tenant_position unique (tenant_id, position) deferrable initially immediate`.execute(db);

  await db.schema
    .createTable('collection_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('collection_id', 'uuid', (c) => c.notNull().references('collections.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // Exactly one of the two: a title is a video (film or episode) or a series.
    .addColumn('video_id', 'uuid', (c) => c.references('videos.id').onDelete('cascade'))
    .addColumn('series_id', 'uuid', (c) => c.references('series.id').onDelete('cascade'))
    .addCheckConstraint('collection_items_one_title', sql`(video_id is null) <> (series_id is null)`)
    .execute();
  await sql`alter table collection_items add constraint collection_items_position unique (collection_id, position) deferrable initially immediate`.execute(db);
  await db.schema.createIndex('collection_items_video').on('collection_items').columns(['collection_id', 'video_id']).unique().where(sql.ref('video_id'), 'is not', null).execute();
  await db.schema.createIndex('collection_items_series').on('collection_items').columns(['collection_id', 'series_id']).unique().where(sql.ref('series_id'), 'is not', null).execute();

  // The same tenant policy as every other tenant table (0007, in its 0011 form), when the database has them.
  const secured = await sql`select 1 from pg_policies where schemaname = 'public' and tablename = 'tenants' and policyname = 'tenant_isolation'`.execute(db);
  if (secured.rows.length === 0) return;
  const scopeIsOpen = sql`(select coalesce(current_setting('ott.tenant_id', true), '') = '')`;
  const scopedTenant = sql`(select nullif(current_setting('ott.tenant_id', true), '')::uuid)`;
  for (const table of ['series', 'seasons', 'episodes', 'collections', 'collection_items']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`create policy tenant_isolation on ${sql.table(table)} using (${scopeIsOpen} or tenant_id = ${scopedTenant}) with check (${scopeIsOpen} or tenant_id = ${scopedTenant})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['collection_items', 'collections', 'episodes', 'seasons', 'series']) await db.schema.dropTable(table).execute();
  await db.schema
    .alterTable('videos')
    .dropColumn('search_document')
    .dropColumn('categories')
    .dropColumn('tags')
    .dropColumn('release_year')
    .dropColumn('maturity_rating')
    .dropColumn('credits')
    .dropColumn('custom_fields')
    .execute();
  await sql`drop index if exists videos_title_trigram`.execute(db);
  await sql`drop function if exists ott_catalogue_document(text, text, text[], text[], text)`.execute(db);
  await sql`drop function if exists ott_credit_names(jsonb)`.execute(db);
  await sql`drop function if exists ott_unaccent(text)`.execute(db);
}
