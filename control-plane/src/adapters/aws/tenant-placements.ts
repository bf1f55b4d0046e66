// Where each tenant lives in the aws shape, read from `tenant_cloud_placements` (written by CdktfProvisioner):
// its cell, bucket, viewer pool and MediaConvert role. Rows of applied stacks change only
// when a stack is re-applied, so they are cached briefly; anything not yet applied is read again every time.
import { mediaBucketName } from '@ott/tenant-infra';
import type { AwsDb, PlacementStatus } from './aws-tables.js';

export interface TenantPlacement {
  tenantId: string;
  cellId: string;
  status: PlacementStatus;
  /** The tenant stack's bucket; named from the prefix and tenant id even before the stack is applied. */
  bucketName: string;
  viewerPoolId: string | null;
  mediaConvertRoleArn: string | null;
  deliveryDomain: string | null;
  /** Outputs of a successful apply are recorded and the stack is not being destroyed, whatever a later re-apply is doing. */
  appliedOnce: boolean;
}

const CACHE_MS = 30_000;

export class TenantPlacements {
  readonly #cache = new Map<string, { at: number; placement: TenantPlacement }>();

  constructor(
    private readonly db: AwsDb,
    private readonly namePrefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The tenant's placement; throws when the tenant was never placed (provisioning has not run). `fresh` skips the cache. */
  async of(tenantId: string, options: { fresh?: boolean } = {}): Promise<TenantPlacement> {
    const cached = this.#cache.get(tenantId);
    if (cached && !options.fresh && this.now() - cached.at < CACHE_MS) return cached.placement;
    const row = await this.db.selectFrom('tenant_cloud_placements').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) throw new Error(`Tenant ${tenantId} has not been placed in a cell yet: its provisioning job has not run.`);
    const placement: TenantPlacement = {
      tenantId,
      cellId: row.cell_id,
      status: row.status,
      bucketName: row.bucket_name ?? mediaBucketName(this.namePrefix, tenantId),
      viewerPoolId: row.viewer_pool_id,
      mediaConvertRoleArn: row.mediaconvert_role_arn,
      deliveryDomain: row.delivery_domain,
      appliedOnce: row.status === 'applied' || (row.mediaconvert_role_arn !== null && (row.status === 'applying' || row.status === 'failed')),
    };
    if (placement.status === 'applied') {
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(tenantId, { at: this.now(), placement });
    }
    return placement;
  }

  /**
   * The placement of a stack that was applied at least once; throws naming what is missing otherwise. A re-apply (key
   * rotation, a custom domain) marks the row `applying`, then `failed` if it fails, while the resources of the last
   * successful apply, whose outputs the row still holds, keep serving: the tenant's transcodes must not stop meanwhile.
   */
  async applied(tenantId: string, needs: string, options: { fresh?: boolean } = {}): Promise<TenantPlacement> {
    const placement = await this.of(tenantId, options);
    if (!placement.appliedOnce) {
      throw new Error(`Tenant ${tenantId}'s infrastructure is not applied yet (${placement.status}), so it has no ${needs}. Finish provisioning (see "Deploy to AWS" in the README).`);
    }
    return placement;
  }

  /** The cell holding a viewer pool; undefined for a pool no placed tenant owns. */
  async cellOfPool(poolId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('tenant_cloud_placements').select('cell_id').where('viewer_pool_id', '=', poolId).executeTakeFirst();
    return row?.cell_id;
  }
}
