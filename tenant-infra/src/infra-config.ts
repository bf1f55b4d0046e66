// The infrastructure configuration: the platform, its cells, where Terraform keeps state, and (when the
// tenants come from a file rather than the control plane's database) the tenants. Validated once, with
// messages that name the field.
import { z } from 'zod';
import { cellAccountConflicts } from './cell-account-conflicts.js';
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
  distributionsPerCachePolicy: z.number().int().positive().default(DEFAULT_CELL_QUOTAS.distributionsPerCachePolicy),
});

/**
 * Who sends a cell's viewer invitations: a verified SES identity in the cell's account and region (Cognito's default
 * sender allows 50 e-mails a day per account, and refuses custom invitation texts: "Email settings for Amazon Cognito
 * user pools", https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html; EmailConfigurationType,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_EmailConfigurationType.html).
 */
const MISSING_EMAIL =
  'missing: every cell needs the SES identity its viewer invitations are sent from, e.g. "email": { "sesIdentityArn": "arn:aws:ses:eu-west-1:111111111111:identity/video.example.com", "from": "Example Video <no-reply@video.example.com>" } (docs/aws-email.md)';
export const cellEmailSchema = z.object(
  {
    sesIdentityArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity\/[^\s/]+$/, 'must be the ARN of a verified SES identity: arn:aws:ses:{region}:{account}:identity/{domain or address}'),
    /** The FROM header: an address of that identity, optionally with a display name ("Example Video <no-reply@video.example.com>"). */
    from: z.string().regex(/^(?:[^<>@]+ <[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an address such as no-reply@video.example.com or "Example Video <no-reply@video.example.com>"'),
  },
  { error: (issue) => (issue.input === undefined ? MISSING_EMAIL : undefined) },
);

export const cellSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/),
  accountId,
  region,
  deployRoleArn: z.string().startsWith('arn:aws').optional(),
  quotas: quotasSchema.default(DEFAULT_CELL_QUOTAS),
  email: cellEmailSchema,
  open: z.boolean().default(true),
});

export const infraConfigSchema = z.object({
  /** Prefix of global names (buckets, Cognito domains): distinct per deployment (ott-prod, ott-staging). */
  namePrefix: z.string().regex(/^[a-z][a-z0-9-]{1,19}$/),
  platform: z.object({
    accountId,
    region,
    /**
     * Repository and tag of the control plane's release, e.g. 111111111111.dkr.ecr.eu-west-1.amazonaws.com/ott-cloud:1.4.0:
     * the api, worker and provisioner images are pushed under it with `-api`, `-worker`, `-provisioner` appended to the tag
     * (docs/aws-images.md).
     */
    image: z
      .string()
      .min(1)
      .refine((image) => !image.includes('@'), 'name the release by tag, not digest (the api, worker and provisioner images are its tag plus -api, -worker, -provisioner)'),
    /**
     * Public HTTPS name of the API: the API distribution's alias (DNS points it at the api_distribution_domain output),
     * and the Host CloudFront passes on to the load balancer. apiCertificateArn covers it in the platform region (the
     * balancer's), apiDistributionCertificateArn in us-east-1 (CloudFront's).
     */
    apiDomain: z.string().optional(),
    apiCertificateArn: certificateArn.optional(),
    apiDistributionCertificateArn: certificateArn.refine((arn) => arn.split(':')[3] === 'us-east-1', 'must be an ACM certificate in us-east-1 (CloudFront uses only those)').optional(),
    /**
     * A second name of the load balancer (a CNAME to it, covered by apiCertificateArn too), by which tenant distributions
     * reach it for their store paths: they cannot pass the viewer's Host (the tenant's domain) to the balancer, whose
     * certificate does not cover it. Unset: tenants' domains serve no store (docs/storefront.md).
     */
    apiOriginDomain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a DNS name such as api-origin.example.com')
      .optional(),
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
    /**
     * Optional KMS key for the state objects and the provisioner's results, by key ARN: IAM policies name a KMS key by
     * its key ARN only, never by key id or alias ("Specifying KMS keys in IAM policy statements", AWS KMS Developer
     * Guide, https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html).
     */
    kmsKeyId: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/,
        "must be the KMS key's ARN (arn:aws:kms:{region}:{account}:key/{key id}), not its id or an alias: the roles' policies grant the key by ARN",
      )
      .optional(),
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
    const emailProblem = cellEmailProblem(cell);
    if (emailProblem) throw new InfraConfigError(`${source}: cells.${cell.id}.email: ${emailProblem}`);
  }
  const apiProblem = apiNamesProblem(parsed.data.platform);
  if (apiProblem) throw new InfraConfigError(`${source}: platform: ${apiProblem}`);
  assertOneCellPerAccount(parsed.data, source);
  return parsed.data;
}

/**
 * CloudFront reaches the balancer over HTTPS with the viewer's Host (the API's name) or, from tenant distributions, with
 * apiOriginDomain as Host, and drops the connection unless the balancer's certificate covers that name ("Require HTTPS
 * for communication between CloudFront and your custom origin",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html).
 */
function apiNamesProblem(platform: InfraConfig['platform']): string | undefined {
  if (platform.apiCertificateArn && !(platform.apiDomain && platform.apiDistributionCertificateArn)) {
    return 'apiCertificateArn needs apiDomain (the name it covers) and apiDistributionCertificateArn (a us-east-1 certificate for the same name, for the API distribution).';
  }
  if (platform.apiOriginDomain && !platform.apiCertificateArn) {
    return 'apiOriginDomain needs apiCertificateArn (covering it): tenant distributions reach the balancer over HTTPS only.';
  }
  return undefined;
}

/** Refuses cells that share an AWS account (cell-account-conflicts.ts says why), naming them and what would collide. */
export function assertOneCellPerAccount(config: Pick<InfraConfig, 'namePrefix' | 'platform' | 'cells'>, source = 'the infrastructure configuration'): void {
  const conflicts = cellAccountConflicts(config.namePrefix, config.platform.accountId, config.cells);
  if (conflicts.length === 0) return;
  throw new InfraConfigError(`${source}: ${conflicts.join('; ')}. Give each cell its own AWS account (one cell per account, see docs/cells.md).`);
}

/**
 * The identity must be where the cell's pools are: Cognito sends through SES in the pool's Region (or, for a few
 * Regions, a documented alternate one; this configuration keeps to the pool's own), and with DEVELOPER sending its
 * service-linked role may use identities of the pool's own account only without a sending authorization policy. The
 * FROM address must belong to the identity.
 */
function cellEmailProblem(cell: CellConfig): string | undefined {
  const [, , , region, account, resource] = cell.email.sesIdentityArn.split(':');
  if (region !== cell.region || account !== cell.accountId) {
    return `the SES identity is in ${account}/${region} but the cell is ${cell.accountId}/${cell.region}; verify an identity in the cell's account and region and use its ARN.`;
  }
  const identity = (resource ?? '').slice('identity/'.length).toLowerCase();
  const address = (/<([^>]+)>$/.exec(cell.email.from)?.[1] ?? cell.email.from).toLowerCase();
  const domain = address.split('@')[1] ?? '';
  const belongs = identity.includes('@') ? address === identity : domain === identity || domain.endsWith(`.${identity}`);
  return belongs ? undefined : `from (${address}) is not an address of the SES identity ${identity}; send from that identity.`;
}
