import { sql, type Kysely } from 'kysely';
import { applyTenantPolicy } from './tenant-table-policy.js';

// Viewer analytics (domain/analytics/, docs/analytics.md). The player's QoE beacons become raw events (kept for
// OTT_ANALYTICS_RAW_RETENTION_DAYS, then purged) and, in the same statement, minute/hour/day rollups by video and by
// the dimensions a session is broken down by. Each session's state holds what it has contributed so far, so a
// beacon adds only what grew (a repeated or late beacon adds nothing). No address is stored: viewers are told apart
// by a hash salted per UTC day (the salt is deleted after the day, so a hash can never be recomputed).
const DIMENSIONS = ['country', 'device_type', 'os', 'browser', 'referrer_origin', 'player_version', 'access_mode'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('analytics_salts')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('salt', 'bytea', (c) => c.notNull())
    .execute();

  let state = db.schema
    .createTable('analytics_session_state')
    .addColumn('session_id', 'uuid', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('viewer_id', 'text')
    .addColumn('viewer_hash', 'text', (c) => c.notNull());
  for (const dimension of DIMENSIONS) state = state.addColumn(dimension, 'text', (c) => c.notNull());
  await state
    .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('viewed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('failed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('completed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('error_code', 'text')
    .addColumn('rebuffer_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rebuffer_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('watch_seconds', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('retention_bucket', 'smallint', (c) => c.notNull().defaultTo(-1))
    .addColumn('rendition_seconds', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analytics_session_state_viewer').on('analytics_session_state').columns(['tenant_id', 'viewer_id']).where(sql.ref('viewer_id'), 'is not', null).execute();

  let events = db.schema
    .createTable('analytics_events')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('viewer_id', 'text')
    .addColumn('viewer_hash', 'text', (c) => c.notNull());
  for (const dimension of DIMENSIONS) events = events.addColumn(dimension, 'text', (c) => c.notNull());
  await events
    .addColumn('session_start', 'smallint', (c) => c.notNull())
    .addColumn('views', 'smallint', (c) => c.notNull())
    .addColumn('failures', 'smallint', (c) => c.notNull())
    .addColumn('completions', 'smallint', (c) => c.notNull())
    .addColumn('startup_ms', 'integer')
    .addColumn('first_frame_height', 'integer')
    .addColumn('error_code', 'text')
    .addColumn('rebuffer_ms', 'bigint', (c) => c.notNull())
    .addColumn('rebuffer_count', 'integer', (c) => c.notNull())
    .addColumn('watch_seconds', 'double precision', (c) => c.notNull())
    .addColumn('retention_from', 'smallint', (c) => c.notNull())
    .addColumn('retention_to', 'smallint', (c) => c.notNull())
    .addColumn('renditions', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_events_pkey', ['session_id', 'sequence'])
    .execute();
  await db.schema.createIndex('analytics_events_received').on('analytics_events').columns(['tenant_id', 'received_at']).execute();
  await db.schema.createIndex('analytics_events_purge').on('analytics_events').column('received_at').execute();
  await db.schema.createIndex('analytics_events_viewer').on('analytics_events').columns(['tenant_id', 'viewer_id']).where(sql.ref('viewer_id'), 'is not', null).execute();

  for (const grain of ['minute', 'hour', 'day'] as const) {
    const table = `analytics_${grain}`;
    let rollup = db.schema
      .createTable(table)
      .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
      .addColumn('bucket', 'timestamptz', (c) => c.notNull());
    for (const dimension of DIMENSIONS) rollup = rollup.addColumn(dimension, 'text', (c) => c.notNull());
    await rollup
      .addColumn('sessions', 'bigint', (c) => c.notNull())
      .addColumn('views', 'bigint', (c) => c.notNull())
      .addColumn('failures', 'bigint', (c) => c.notNull())
      .addColumn('completions', 'bigint', (c) => c.notNull())
      .addColumn('watch_seconds', 'double precision', (c) => c.notNull())
      .addColumn('rebuffer_ms', 'bigint', (c) => c.notNull())
      .addColumn('rebuffer_count', 'bigint', (c) => c.notNull())
      // Start-up times counted in the buckets of STARTUP_HISTOGRAM_BOUNDS_MS (@ott/contracts), the overflow last.
      .addColumn('startup_histogram', sql`bigint[]`, (c) => c.notNull())
      .addUniqueConstraint(`${table}_key`, ['tenant_id', 'bucket', 'video_id', ...DIMENSIONS] as never[])
      .execute();
    await applyTenantPolicy(db, table);
  }

  await db.schema
    .createTable('analytics_retention')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('point', 'smallint', (c) => c.notNull())
    .addColumn('reached', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_retention_pkey', ['tenant_id', 'video_id', 'day', 'point'])
    .execute();
  await db.schema
    .createTable('analytics_viewer_days')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('viewer_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_viewer_days_pkey', ['tenant_id', 'day', 'video_id', 'viewer_hash'])
    .execute();
  await db.schema
    .createTable('analytics_renditions')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('watch_seconds', 'double precision', (c) => c.notNull())
    .addColumn('kilobits', 'double precision', (c) => c.notNull())
    .addColumn('first_frames', 'bigint', (c) => c.notNull())
    .addColumn('first_frame_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_renditions_pkey', ['tenant_id', 'video_id', 'day', 'height'])
    .execute();
  await db.schema
    .createTable('analytics_errors')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('video_id', 'uuid', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('sessions', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_errors_pkey', ['tenant_id', 'video_id', 'day', 'code'])
    .execute();
  for (const table of ['analytics_session_state', 'analytics_events', 'analytics_retention', 'analytics_viewer_days', 'analytics_renditions', 'analytics_errors']) await applyTenantPolicy(db, table);

  // Element-wise sum of two histograms of the same length: how a rollup row absorbs a batch's counts.
  await sql`create function analytics_add_counts(a bigint[], b bigint[]) returns bigint[] language sql immutable parallel safe as
    $$ select array_agg(x + y order by i) from unnest(a, b) with ordinality as u(x, y, i) $$`.execute(db);
  // Start-up times counted into the histogram whose upper bounds (exclusive) are \`bounds\`, the overflow last.
  await sql`create function analytics_histogram(times integer[], bounds integer[]) returns bigint[] language sql immutable parallel safe as
    $$ select array_agg(coalesce(h.n, 0) order by i) from generate_series(0, cardinality(bounds)) i
       left join (select width_bucket(t, bounds) as b, count(*) as n from unnest(times) t where t is not null group by 1) h on h.b = i $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function analytics_histogram(integer[], integer[])`.execute(db);
  await sql`drop function analytics_add_counts(bigint[], bigint[])`.execute(db);
  for (const table of [
    'analytics_errors',
    'analytics_renditions',
    'analytics_viewer_days',
    'analytics_retention',
    'analytics_day',
    'analytics_hour',
    'analytics_minute',
    'analytics_events',
    'analytics_session_state',
    'analytics_salts',
  ])
    await db.schema.dropTable(table).execute();
}
