// Kysely types of the aws shape's own tables (migration 0004). Kept beside the adapters that use them, so
// the shared schema stays the local shape's; `withAwsTables` widens a Db to see them.
import type { ColumnType, Generated } from 'kysely';
import type { Db } from '../../db/database.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * `synthesized` and `blocked` are what the in-process provisioner of earlier versions left; a new run replaces them.
 * `applying` and `failed` also describe re-applies of a stack applied before, whose recorded outputs keep serving.
 */
export type PlacementStatus = 'placed' | 'synthesized' | 'blocked' | 'applying' | 'applied' | 'failed' | 'destroying' | 'destroyed';

export interface TenantCloudPlacementsTable {
  tenant_id: string;
  cell_id: string;
  account_id: string;
  region: string;
  status: Generated<PlacementStatus>;
  geo_restriction: ColumnType<{ type: 'whitelist' | 'blacklist'; countries: string[] } | null, string | null, string | null>;
  stack_dir: string | null;
  bucket_name: string | null;
  distribution_id: string | null;
  distribution_domain: string | null;
  delivery_domain: string | null;
  key_group_id: string | null;
  cloudfront_key_ids: ColumnType<Record<string, string>, string | undefined, string>;
  viewer_pool_id: string | null;
  viewer_pool_client_id: string | null;
  mediaconvert_role_arn: string | null;
  last_error: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: Timestamp;
}

export interface MediaConvertJobsTable {
  job_id: string;
  tenant_id: string | null;
  request_token: string | null;
  status: string;
  progress: ColumnType<number, number | undefined, number>;
  detail: ColumnType<unknown, string | null, string | null>;
  updated_at: Timestamp;
}

export type AwsTables = {
  tenant_cloud_placements: TenantCloudPlacementsTable;
  mediaconvert_jobs: MediaConvertJobsTable;
};

export function withAwsTables(db: Db) {
  return db.withTables<AwsTables>();
}

export type AwsDb = ReturnType<typeof withAwsTables>;
