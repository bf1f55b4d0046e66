// Tenants as the control plane's database knows them: every tenant the provisioner has placed in a cell and not yet
// destroyed (an offboarded tenant's stack is gone; synthesising it would recreate it on the next apply), with the
// playback public keys its CDN must trust (two while rotating: the control plane's signing-keys.ts keysToTrust reads
// the same set). Pinned to their cells: a re-synth never moves anyone.
import pg from 'pg';
import { customDomainInStack } from './custom-domain-in-stack.js';
import type { TenantConfig } from './infra-config.js';
import { tenantSchema } from './infra-config.js';

interface TenantRow {
  id: string;
  slug: string;
  plan: string;
  allowed_origins: string[];
  cell_id: string;
  custom_domain: string | null;
  custom_domain_status: string | null;
  geo_restriction: { type: 'whitelist' | 'blacklist'; countries: string[] } | null;
  keys: { id: string; pem: string }[];
}

const QUERY = `
  select t.id, t.slug, t.plan, t.allowed_origins, p.cell_id, d.domain_name as custom_domain, d.status as custom_domain_status, p.geo_restriction,
         coalesce((select json_agg(json_build_object('id', k.key_pair_id, 'pem', k.public_key_pem) order by k.created_at desc)
                     from tenant_signing_keys k where k.tenant_id = t.id and k.status in ('pending', 'active', 'previous') and (k.removal_requested_at is null or k.status = 'active')), '[]') as keys
    from tenants t
    join tenant_cloud_placements p on p.tenant_id = t.id
    left join tenant_custom_domains d on d.tenant_id = t.id
   where p.status <> 'destroyed' and t.status <> 'offboarded'
   order by p.created_at, t.id`;

export async function loadDatabaseTenants(databaseUrl: string): Promise<TenantConfig[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<TenantRow>(QUERY);
    return rows.map((row) => tenantFromRow(row));
  } finally {
    await client.end();
  }
}

export function tenantFromRow(row: TenantRow): TenantConfig {
  const customDomain = customDomainInStack(row.custom_domain, row.custom_domain_status);
  return tenantSchema.parse({
    id: row.id,
    slug: row.slug,
    plan: row.plan,
    cell: row.cell_id,
    allowedOrigins: row.allowed_origins,
    // Newest first, at most two: the current key and the one it is replacing.
    publicKeys: row.keys.slice(0, 2),
    ...(customDomain ? { customDomain } : {}),
    ...(row.geo_restriction ? { geoRestriction: row.geo_restriction } : {}),
  });
}
