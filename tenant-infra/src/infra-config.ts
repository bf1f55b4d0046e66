// The infrastructure configuration: the platform, its cells, where Terraform keeps state, and (when the
// tenants come from a file rather than the control plane's database) the tenants. Validated once, with
// messages that name the field.
import { z } from 'zod';
import { DEFAULT_CELL_QUOTAS } from './cells.js';
import { InfraConfigError } from './infra-config-error.js';

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as eu-west-1');
const origin = z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an origin such as https://www.example.com (no path)');
const certificateArn = z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, 'must be an ACM certificate ARN');

export const publicKeySchema = z.object({
  /** Our key-pair id (tenant_signing_keys.key_pair_id). */
  id: z.string().regex(/^[A-Z0-9]{4,64}$/),
  pem: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM-encoded SPKI public key' }),
});

export const tenantSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,39}$/, 'must be the tenant id (lower-case, a UUID fits)'),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  plan: z.enum(['free', 'pro', 'enterprise']).default('free'),
  /** Restricts placement to cells in this region. */
  region: region.optional(),
  /** Pins the tenant to a cell (set once placed, so a re-synth never moves it). */
  cell: z.string().optional(),
  allowedOrigins: z.array(origin).default([]),
  /** One key normally; two while rotating (CloudFront trusts both until the old one is removed). */
  publicKeys: z.array(publicKeySchema).min(1).max(2),
  /** `attach` once ACM has issued the domain's certificate (the first apply requests it; see docs/aws-custom-domains.md). */
  customDomain: z.object({ domainName: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/), attach: z.boolean().default(false) }).optional(),
  geoRestriction: z.object({ type: z.enum(['whitelist', 'blacklist']), countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1) }).optional(),
});

const quotasSchema = z.object({
  distributions: z.number().int().positive().default(DEFAULT_CELL_QUOTAS.distributions),
  keyGroups: z.number().int().positive().default(DEFAULT_CELL_QUOTAS.keyGroups),
  publicKeys: z.number().int().positive().default(DEFAULT_CELL_QUOTAS.publicKeys),
  responseHeadersPolicies: z.number().int().positive().default(DEFAULT_CELL_QUOTAS.responseHeadersPolicies),
  originAccessControls: z.number().int().positive().default(DEFAULT_CELL_QUOTAS.originAccessControls),
  userPools: z.number().int().positive().default(DEFAULT_CELL_QUOTAS.userPools),
});

export const cellSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/),
  accountId,
  region,
  deployRoleArn: z.string().startsWith('arn:aws').optional(),
  quotas: quotasSchema.default(DEFAULT_CELL_QUOTAS),
  open: z.boolean().default(true),
});

export const infraConfigSchema = z.object({
  /** Prefix of global names (buckets, Cognito domains): distinct per deployment (ott-prod, ott-staging). */
  namePrefix: z.string().regex(/^[a-z][a-z0-9-]{1,19}$/),
  platform: z.object({
    accountId,
    region,
    /** Container image of the control plane (api and worker share it). */
    image: z.string().min(1),
    /** Public HTTPS name of the API and its ACM certificate (in the platform region). */
    apiDomain: z.string().optional(),
    apiCertificateArn: certificateArn.optional(),
    /** Where the tenant portal is served: uploads from it must pass the buckets' CORS rules. */
    portalOrigins: z.array(origin).min(1),
    database: z
      .object({ instanceClass: z.string().default('db.t4g.medium'), allocatedStorageGb: z.number().int().min(20).default(50), multiAz: z.boolean().default(true) })
      .default({ instanceClass: 'db.t4g.medium', allocatedStorageGb: 50, multiAz: true }),
    service: z.object({ apiTasks: z.number().int().min(1).default(2), workerTasks: z.number().int().min(1).default(2) }).default({ apiTasks: 2, workerTasks: 2 }),
  }),
  state: z.object({
    bucket: z.string().min(3),
    region,
    /** Optional KMS key for the state objects. */
    kmsKeyId: z.string().optional(),
  }),
  cells: z.array(cellSchema).min(1),
  tenants: z.array(tenantSchema).default([]),
});

export type InfraConfig = z.infer<typeof infraConfigSchema>;
export type TenantConfig = z.infer<typeof tenantSchema>;
export type CellConfig = z.infer<typeof cellSchema>;

export function parseInfraConfig(value: unknown, source = 'the infrastructure configuration'): InfraConfig {
  const parsed = infraConfigSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
    throw new InfraConfigError(`${source} is invalid:\n${problems}`);
  }
  const ids = new Set<string>();
  for (const cell of parsed.data.cells) {
    if (ids.has(cell.id)) throw new InfraConfigError(`${source}: cell id ${cell.id} appears twice.`);
    ids.add(cell.id);
  }
  return parsed.data;
}
