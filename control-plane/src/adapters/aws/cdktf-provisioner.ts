// TenantProvisioner for the aws shape: place the tenant in a cell (refusing clearly when every cell is
// full), synthesise its TenantStack, and apply it with Terraform when a terraform binary and AWS
// credentials are here. Without them it stops with a message saying so, keeping the synthesised stack for
// an operator to apply; the provisioning job's retry then picks up the applied outputs.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type Updateable } from 'kysely';
import { cellUsage, customDomainInStack, parseTenantOutputs, placeTenant, platformReservations, synthTenantStack, tenantStackProps, type InfraConfig } from '@ott/tenant-infra';
import type { TenantProvisioner, TenantResources } from '../../ports.js';
import type { AwsDb, TenantCloudPlacementsTable } from './aws-tables.js';

const run = promisify(execFile);

export interface CdktfProvisionerOptions {
  db: AwsDb;
  infra: Omit<InfraConfig, 'tenants'>;
  /** Synthesised stacks go to `{workDir}/{tenantId}/stacks/tenant-{id}/`. */
  workDir: string;
  terraformPath: string;
  /** Whether the process has AWS credentials (the environment says; Terraform reads them itself). */
  hasCredentials: boolean;
  /** The environment Terraform runs in (credentials, proxies, PATH): the process's, read once by env.ts. Terraform sees nothing else. */
  environment?: NodeJS.ProcessEnv;
}

export class ProvisioningBlockedError extends Error {
  constructor(
    message: string,
    readonly stackDir: string,
  ) {
    super(message);
    this.name = 'ProvisioningBlockedError';
  }
}

export class CdktfProvisioner implements TenantProvisioner {
  constructor(private readonly options: CdktfProvisionerOptions) {}

  async provision(tenant: { id: string; slug: string; playbackPublicKeyPem: string; keyPairId: string }): Promise<TenantResources> {
    const { db, infra } = this.options;
    const cell = await this.cellOf(tenant.id);
    const row = await db.selectFrom('tenants').select(['plan', 'allowed_origins']).where('id', '=', tenant.id).executeTakeFirstOrThrow();
    const placement = await db.selectFrom('tenant_cloud_placements').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    const customDomain = await customDomainOf(db, tenant.id);
    const props = tenantStackProps(
      infra,
      {
        id: tenant.id,
        slug: tenant.slug,
        plan: row.plan === 'pro' || row.plan === 'enterprise' ? row.plan : 'free',
        allowedOrigins: row.allowed_origins,
        publicKeys: [{ id: tenant.keyPairId, pem: tenant.playbackPublicKeyPem }],
        ...(customDomain ? { customDomain } : {}),
        ...(placement.geo_restriction ? { geoRestriction: placement.geo_restriction } : {}),
      },
      cell,
    );
    const outdir = path.join(this.options.workDir, tenant.id);
    await mkdir(outdir, { recursive: true });
    const stackDir = synthTenantStack(outdir, props);
    await this.update(tenant.id, { status: 'synthesized', stack_dir: stackDir, last_error: null });

    const missing = await this.whyCannotApply();
    if (missing) {
      const message = `The infrastructure of tenant ${tenant.slug} was synthesised but cannot be applied here: ${missing}. The stack is kept at ${stackDir}; run \`terraform init && terraform apply\` there (Terraform >= 1.10), then retry provisioning.`;
      await this.update(tenant.id, { status: 'blocked', last_error: message });
      throw new ProvisioningBlockedError(message, stackDir);
    }
    const terraform = (args: string[]) => run(this.options.terraformPath, args, { cwd: stackDir, maxBuffer: 64 * 1024 * 1024, env: { ...this.options.environment, TF_IN_AUTOMATION: '1' } });
    await terraform(['init', '-input=false', '-no-color']);
    await terraform(['apply', '-input=false', '-auto-approve', '-no-color']);
    const outputs = parseTenantOutputs(JSON.parse((await terraform(['output', '-json', '-no-color'])).stdout));
    const cloudfrontKeyId = outputs.cloudfrontKeyIds[tenant.keyPairId];
    if (!cloudfrontKeyId) throw new Error(`The applied stack does not trust playback key ${tenant.keyPairId}`);
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
      keyPairId: cloudfrontKeyId,
      deliveryDomain: outputs.deliveryDomain,
      ...(outputs.customDomain ? { customDomain: outputs.customDomain } : {}),
    };
  }

  /** The tenant's cell: kept from an earlier attempt, or chosen now (first open cell with room). */
  private async cellOf(tenantId: string) {
    const { db, infra } = this.options;
    const existing = await db.selectFrom('tenant_cloud_placements').select('cell_id').where('tenant_id', '=', tenantId).executeTakeFirst();
    const known = existing ? infra.cells.find((cell) => cell.id === existing.cell_id) : undefined;
    if (existing && !known) throw new Error(`Tenant ${tenantId} is placed in cell ${existing.cell_id}, which the infrastructure configuration no longer lists.`);
    if (known) return known;
    // Serialised: two sign-ups at once must not both take a cell's last slot.
    return db.transaction().execute(async (trx) => {
      await sql`lock table tenant_cloud_placements in share row exclusive mode`.execute(trx);
      const placed = await trx.selectFrom('tenant_cloud_placements').select('cell_id').execute();
      const cell = placeTenant(infra.cells, cellUsage(placed.map((row) => ({ cellId: row.cell_id, keys: 1 }))), { tenantId, keys: 1 }, platformReservations(infra));
      await trx
        .insertInto('tenant_cloud_placements')
        .values({ tenant_id: tenantId, cell_id: cell.id, account_id: cell.accountId, region: cell.region })
        .onConflict((oc) => oc.column('tenant_id').doNothing())
        .execute();
      return cell;
    });
  }

  private async whyCannotApply(): Promise<string | undefined> {
    try {
      await run(this.options.terraformPath, ['version', '-json']);
    } catch {
      return `no terraform binary at "${this.options.terraformPath}" (set OTT_TERRAFORM_PATH)`;
    }
    return this.options.hasCredentials ? undefined : 'no AWS credentials in the environment';
  }

  private async update(tenantId: string, values: Updateable<TenantCloudPlacementsTable>): Promise<void> {
    await this.options.db
      .updateTable('tenant_cloud_placements')
      .set({ ...values, updated_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .execute();
  }
}

/** The custom domain the tenant's stack should carry (see customDomainInStack). */
async function customDomainOf(db: AwsDb, tenantId: string): Promise<{ domainName: string; attach: boolean } | undefined> {
  const row = await db.selectFrom('tenant_custom_domains').select(['domain_name', 'status']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return customDomainInStack(row?.domain_name, row?.status);
}
