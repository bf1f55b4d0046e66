import { checkEmbedOrigin, type Branding } from '@ott/contracts';
import type { Tenant } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { invalid, notFound } from '../errors.js';
import { brandingOf } from './branding.js';
import { planOf } from '../billing/plans.js';
import { checkedAutomaticLanguage } from '../captions/automatic-captions.js';

export interface TenantView {
  id: string;
  slug: string;
  name: string;
  plan: { id: string; name: string; maxUploadBytes: number; maxDurationSeconds: number };
  status: Tenant['status'];
  failureReason: string | null;
  /** While provisioning: how far it has come (placed in a cell, infrastructure being applied); null otherwise. */
  provisioningStep: Tenant['provisioning_step'];
  allowedOrigins: string[];
  branding: Branding;
  /** Every video gets automatic captions in this language once ready; null: none (the default). */
  automaticCaptionsLanguage: string | null;
  createdAt: Date;
}

export async function getTenant(deps: Pick<DomainDeps, 'db' | 'urls'>, tenantId: string): Promise<TenantView> {
  const tenant = await deps.db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw notFound('The workspace');
  const plan = planOf(tenant.plan);
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    plan: { id: plan.id, name: plan.name, maxUploadBytes: plan.maxUploadBytes, maxDurationSeconds: plan.maxDurationSeconds },
    status: tenant.status,
    failureReason: tenant.failure_reason,
    provisioningStep: tenant.status === 'provisioning' ? tenant.provisioning_step : null,
    allowedOrigins: tenant.allowed_origins,
    branding: brandingOf(tenant, deps.urls.api),
    automaticCaptionsLanguage: tenant.automatic_captions_language,
    createdAt: tenant.created_at,
  };
}

export async function updateTenant(
  deps: Pick<DomainDeps, 'db' | 'urls' | 'speechToText'>,
  tenantId: string,
  changes: { name?: string; allowedOrigins?: string[]; automaticCaptionsLanguage?: string | null },
): Promise<TenantView> {
  const automaticCaptions = changes.automaticCaptionsLanguage;
  await deps.db
    .updateTable('tenants')
    .set({
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.allowedOrigins !== undefined ? { allowed_origins: embedOrigins(changes.allowedOrigins) } : {}),
      ...(automaticCaptions !== undefined ? { automatic_captions_language: automaticCaptions === null ? null : checkedAutomaticLanguage(deps, automaticCaptions) } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', tenantId)
    .execute();
  return getTenant(deps, tenantId);
}

/**
 * The most characters the stored list may take as JSON. In aws the list travels in the provisioner's RunTask overrides,
 * which hold 8,192 characters with the rest of the tenant's stack input (two keys, a custom domain, geo restriction):
 * a longer list would fail every apply of the tenant's stack (ecs-stack-runner.test.ts checks the worst case fits).
 */
export const ALLOWED_ORIGINS_MAX_JSON_LENGTH = 4_000;

/** The list as stored: an origin for each entry, once each; one entry that is not an origin refuses the change, naming it. */
function embedOrigins(entries: string[]): string[] {
  const origins = entries.map((entry) => {
    const checked = checkEmbedOrigin(entry);
    if ('problem' in checked) throw invalid(`Allowed embed origins: ${checked.problem}`);
    return checked.origin;
  });
  const unique = [...new Set(origins)];
  const length = JSON.stringify(unique).length;
  if (length > ALLOWED_ORIGINS_MAX_JSON_LENGTH) {
    throw invalid(`Allowed embed origins: the list is too long (${length} characters, at most ${ALLOWED_ORIGINS_MAX_JSON_LENGTH}). Remove the sites you no longer embed your videos on.`);
  }
  return unique;
}

/** Queues provisioning again for a tenant that failed (or never finished). */
export async function retryProvisioning(deps: Pick<DomainDeps, 'db' | 'queue' | 'urls'>, tenantId: string): Promise<TenantView> {
  const tenant = await getTenant(deps, tenantId);
  if (tenant.status === 'active') throw invalid('Your workspace is already set up.');
  await deps.db.updateTable('tenants').set({ status: 'provisioning', provisioning_step: null, failure_reason: null }).where('id', '=', tenantId).execute();
  await deps.queue.enqueue({ type: 'provision-tenant', tenantId });
  return getTenant(deps, tenantId);
}
