// TenantProvisioner for the aws shape: place the tenant in a cell (refusing clearly when every cell is full), then have
// a StackRunner apply its TenantStack (the provisioner task in aws, this process on an operator's machine) and record
// the outputs the other aws adapters read. Offboarding destroys the stack through the same runner.
import { randomUUID } from 'node:crypto';
import { sql, type Updateable } from 'kysely';
import { cellUsage, customDomainInStack, placeTenant, platformReservations, rotationRefusal, type InfraConfig, type TenantConfig } from '@ott/tenant-infra';
import type { ProvisioningStep, TenantProvisioner, TenantResources } from '../../ports.js';
import type { AwsDb, PlacementStatus, TenantCloudPlacementsTable } from './aws-tables.js';
import type { StackRunner, StackRunResult, StackRunStep } from './provisioner-task/stack-run.js';

type ProvisionTarget = Parameters<TenantProvisioner['provision']>[0];

export interface CdktfProvisionerOptions {
  db: AwsDb;
  infra: Omit<InfraConfig, 'tenants'>;
  runner: StackRunner;
  newRunId?: () => string;
}

/** A run that reported failure: the step and Terraform's own words, for the operator (the tenant sees a sentence). */
export class TenantStackRunError extends Error {
  constructor(
    readonly tenantId: string,
    readonly step: StackRunStep,
    readonly detail: string,
  ) {
    super(`Terraform failed at ${step} for tenant ${tenantId}: ${detail}`);
    this.name = 'TenantStackRunError';
  }
}

export class CdktfProvisioner implements TenantProvisioner {
  constructor(private readonly options: CdktfProvisionerOptions) {}

  async provision(tenant: ProvisionTarget, onStep?: (step: ProvisioningStep) => Promise<void>): Promise<TenantResources> {
    const cell = await this.cellOf(tenant);
    await onStep?.('placed');
    await this.update(tenant.id, { status: 'applying', last_error: null });
    await onStep?.('applying');
    const { outputs } = await this.expect(tenant.id, 'apply', await this.run(tenant.id, { action: 'apply', runId: this.runId(), cellId: cell.id, tenant: await this.stackTenant(tenant) }));
    await this.update(tenant.id, {
      status: 'applied',
      bucket_name: outputs.bucketName,
      distribution_id: outputs.distributionId,
      distribution_domain: outputs.distributionDomainName,
      delivery_domain: outputs.deliveryDomain,
      key_group_id: outputs.keyGroupId,
      cloudfront_key_ids: JSON.stringify(outputs.cloudfrontKeyIds),
      viewer_pool_id: outputs.viewerPoolId,
      viewer_pool_client_id: outputs.viewerPoolClientId,
      mediaconvert_role_arn: outputs.mediaConvertRoleArn,
    });
    return {
      storagePrefix: `t/${tenant.id}/`,
      viewerPoolId: outputs.viewerPoolId,
      cdnKeyIds: outputs.cloudfrontKeyIds,
      deliveryDomain: outputs.deliveryDomain,
      ...(outputs.customDomain ? { customDomain: outputs.customDomain } : {}),
    };
  }

  async deprovision(tenant: ProvisionTarget): Promise<void> {
    const placement = await this.options.db.selectFrom('tenant_cloud_placements').select(['cell_id', 'status']).where('tenant_id', '=', tenant.id).executeTakeFirst();
    // Never placed: nothing was created. Destroyed: a re-run of the offboarding job.
    if (!placement || placement.status === 'destroyed') return;
    await this.update(tenant.id, { status: 'destroying', last_error: null });
    await this.expect(tenant.id, 'destroy', await this.run(tenant.id, { action: 'destroy', runId: this.runId(), cellId: placement.cell_id, tenant: await this.stackTenant(tenant) }));
    await this.update(tenant.id, { status: 'destroyed' });
  }

  /** The one place a tenant becomes the stack's input (TenantConfig), from its row, its placement and its keys. */
  private async stackTenant(tenant: ProvisionTarget): Promise<TenantConfig> {
    const { db } = this.options;
    const row = await db.selectFrom('tenants').select(['plan', 'allowed_origins']).where('id', '=', tenant.id).executeTakeFirstOrThrow();
    const placement = await db.selectFrom('tenant_cloud_placements').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    const customDomain = await customDomainOf(db, tenant.id);
    return {
      id: tenant.id,
      slug: tenant.slug,
      plan: row.plan === 'pro' || row.plan === 'enterprise' ? row.plan : 'free',
      cell: placement.cell_id,
      allowedOrigins: row.allowed_origins,
      publicKeys: tenant.publicKeys.map((key) => ({ id: key.keyPairId, pem: key.publicKeyPem })),
      ...(customDomain ? { customDomain } : {}),
      ...(placement.geo_restriction ? { geoRestriction: { type: placement.geo_restriction.type, countries: placement.geo_restriction.countries } } : {}),
    };
  }

  private async run(tenantId: string, request: Parameters<StackRunner['run']>[0]): Promise<StackRunResult> {
    try {
      return await this.options.runner.run(request);
    } catch (error) {
      // Nothing ran to the end (no capacity, a stopped task): the operator's record says why; the job retries.
      await this.update(tenantId, { status: failedStatus(request.action), last_error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  private async expect<A extends 'apply' | 'destroy'>(tenantId: string, action: A, result: StackRunResult): Promise<Extract<StackRunResult, { ok: true; action: A }>> {
    if (!result.ok) {
      const failure = new TenantStackRunError(tenantId, result.step, result.detail);
      await this.update(tenantId, { status: failedStatus(action), last_error: failure.message });
      throw failure;
    }
    if (result.action !== action) throw new Error(`The provisioner answered a ${action} of tenant ${tenantId} with the result of a ${result.action}.`);
    return result as Extract<StackRunResult, { ok: true; action: A }>;
  }

  private runId(): string {
    return (this.options.newRunId ?? randomUUID)();
  }

  /** Why the tenant's cell cannot hold one more public key for a rotation; undefined when it can, or before placement. */
  async publicKeyRefusal(tenantId: string): Promise<string | undefined> {
    const { db, infra } = this.options;
    const placement = await db.selectFrom('tenant_cloud_placements').select('cell_id').where('tenant_id', '=', tenantId).executeTakeFirst();
    const cell = infra.cells.find((known) => known.id === placement?.cell_id);
    if (!cell) return undefined;
    const usage = cellUsage(await placedKeys(db)).get(cell.id) ?? { tenants: 0, publicKeys: 0 };
    return rotationRefusal(cell, usage, platformReservations(infra).get(cell.id));
  }

  /** The tenant's cell: kept from an earlier attempt, or chosen now (first open cell with room). */
  private async cellOf(tenant: ProvisionTarget) {
    const tenantId = tenant.id;
    const { db, infra } = this.options;
    const existing = await db.selectFrom('tenant_cloud_placements').select('cell_id').where('tenant_id', '=', tenantId).executeTakeFirst();
    const known = existing ? infra.cells.find((cell) => cell.id === existing.cell_id) : undefined;
    if (existing && !known) throw new Error(`Tenant ${tenantId} is placed in cell ${existing.cell_id}, which the infrastructure configuration no longer lists.`);
    if (known) return known;
    // Serialised: two sign-ups at once must not both take a cell's last slot.
    return db.transaction().execute(async (trx) => {
      await sql`lock table tenant_cloud_placements in share row exclusive mode`.execute(trx);
      const keys = Math.max(1, tenant.publicKeys.length);
      const cell = placeTenant(infra.cells, cellUsage(await placedKeys(trx)), { tenantId, keys }, platformReservations(infra));
      await trx
        .insertInto('tenant_cloud_placements')
        .values({ tenant_id: tenantId, cell_id: cell.id, account_id: cell.accountId, region: cell.region })
        .onConflict((oc) => oc.column('tenant_id').doNothing())
        .execute();
      return cell;
    });
  }

  private async update(tenantId: string, values: Updateable<TenantCloudPlacementsTable>): Promise<void> {
    await this.options.db
      .updateTable('tenant_cloud_placements')
      .set({ ...values, updated_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .execute();
  }
}

/**
 * The public keys each placed tenant's key group holds or is about to: pending, active and previous (a previous key
 * marked for removal stays in CloudFront until the apply removing it returns), so a rotation under way counts two.
 * At least one per tenant: a placement is made before its first key is confirmed.
 */
async function placedKeys(db: AwsDb): Promise<{ cellId: string; keys: number }[]> {
  const rows = await db
    .selectFrom('tenant_cloud_placements as placement')
    .leftJoin('tenant_signing_keys as key', (join) => join.onRef('key.tenant_id', '=', 'placement.tenant_id').on('key.status', 'in', ['pending', 'active', 'previous']))
    .select(['placement.cell_id', (eb) => eb.fn.count<string>('key.key_pair_id').as('keys')])
    .where('placement.status', '!=', 'destroyed')
    .groupBy(['placement.tenant_id', 'placement.cell_id'])
    .execute();
  return rows.map((row) => ({ cellId: row.cell_id, keys: Math.max(1, Number(row.keys)) }));
}

/**
 * A failed destroy stays `destroying` (the offboarding job retries it): a `failed` row with recorded outputs reads as a
 * stack that still serves (TenantPlacements.applied), which a half-destroyed one does not.
 */
function failedStatus(action: 'apply' | 'destroy'): PlacementStatus {
  return action === 'destroy' ? 'destroying' : 'failed';
}

/** The custom domain the tenant's stack should carry (see customDomainInStack). */
async function customDomainOf(db: AwsDb, tenantId: string): Promise<{ domainName: string; attach: boolean } | undefined> {
  const row = await db.selectFrom('tenant_custom_domains').select(['domain_name', 'status']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return customDomainInStack(row?.domain_name, row?.status);
}
