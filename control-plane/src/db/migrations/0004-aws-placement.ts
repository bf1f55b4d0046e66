import { sql, type Kysely } from 'kysely';

// aws shape: which cell (account + region) holds each tenant, and what its applied stack produced
// (bucket, distribution, CloudFront key ids, viewer pool). The local shape never writes here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_cloud_placements')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('cell_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    // placed → synthesized → applied; `blocked` when the stack could not be applied here (no terraform).
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('placed'))
    .addColumn('custom_domain', 'text')
    .addColumn('certificate_arn', 'text')
    .addColumn('geo_restriction', 'jsonb')
    .addColumn('stack_dir', 'text')
    .addColumn('bucket_name', 'text')
    .addColumn('distribution_id', 'text')
    .addColumn('distribution_domain', 'text')
    .addColumn('delivery_domain', 'text')
    .addColumn('key_group_id', 'text')
    .addColumn('cloudfront_key_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('viewer_pool_id', 'text')
    .addColumn('viewer_pool_client_id', 'text')
    .addColumn('mediaconvert_role_arn', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('tenant_cloud_placements_cell').on('tenant_cloud_placements').column('cell_id').execute();

  // MediaConvert jobs as their EventBridge events report them. Any worker that receives an event from SQS
  // records it here; the worker waiting for that job reads it, so events reach it whichever worker polled them.
  await db.schema
    .createTable('mediaconvert_jobs')
    .addColumn('job_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid')
    .addColumn('request_token', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('detail', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('mediaconvert_jobs_request_token').on('mediaconvert_jobs').column('request_token').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mediaconvert_jobs').execute();
  await db.schema.dropTable('tenant_cloud_placements').execute();
}
