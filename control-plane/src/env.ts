// The only reader of process.env. Every process (api, worker, edge, start script) parses its config here once.
import { countryCodeProblem, isCountryCode, type CountryCode } from '@ott/contracts';
import { parseCidr, type Cidr } from '@ott/signing';
import { z } from 'zod';

const base64Key = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

/** Comma-separated addresses or CIDRs. */
const cidrList = z
  .string()
  .default('')
  .transform((text, context): Cidr[] =>
    text
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .flatMap((entry) => {
        const cidr = parseCidr(entry);
        if (!cidr) context.addIssue({ code: 'custom', message: `"${entry}" is not an address or CIDR (write e.g. 10.40.0.0/16, 2001:db8::/32 or 192.0.2.7)` });
        return cidr ? [cidr] : [];
      }),
  );

const envSchema = z.object({
  OTT_CLOUD: z.enum(['local', 'aws']).default('local'),
  /** PostgreSQL connection; when absent the local shape starts embedded PostgreSQL under OTT_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * RDS (aws shape): host, port and database name (platform stack outputs), and the ARN of the secret RDS keeps the
   * master user's name and password in (rotated every 7 days; read at start and again when PostgreSQL rejects it).
   */
  DATABASE_HOST: z.string().min(1).optional(),
  DATABASE_PORT: z.coerce.number().int().min(1).max(65535).default(5432),
  DATABASE_NAME: z.string().min(1).optional(),
  DATABASE_SECRET_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'must be a Secrets Manager secret ARN')
    .optional(),
  /** verify-full: TLS, the server's chain checked against DATABASE_CA_FILE (default: the RDS bundle shipped in control-plane/certs) and its name against the host. */
  DATABASE_TLS: z.enum(['disable', 'verify-full']).default('disable'),
  DATABASE_CA_FILE: z.string().min(1).optional(),
  /** A Secrets Manager endpoint (tests, trials on one machine); unset in production. */
  OTT_AWS_SECRETS_MANAGER_ENDPOINT: z.string().url().optional(),
  OTT_DATA_DIR: z.string().default('.ott'),
  OTT_API_HOST: z.string().default('127.0.0.1'),
  OTT_API_PORT: z.coerce.number().int().min(0).max(65535).default(8686),
  OTT_EDGE_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Public base URLs (what browsers and the CLI use); default to the bound host and port. */
  OTT_PUBLIC_API_URL: z.string().url().optional(),
  OTT_PUBLIC_EDGE_URL: z.string().url().optional(),
  /**
   * The proxies in front of the API (load balancer), as comma-separated addresses or CIDRs: from their peers only,
   * X-Forwarded-For gives the client address that rate limits count. Unset: the peer is the client.
   */
  OTT_TRUSTED_PROXIES: cidrList,
  /**
   * The header in which a proxy in front of the API names the viewer's country (two letters): `CloudFront-Viewer-Country`
   * behind CloudFront, or whatever a local reverse proxy sets. Read only from OTT_TRUSTED_PROXIES peers
   * (api/viewer-country.ts). Unset: no header is believed.
   */
  OTT_VIEWER_COUNTRY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'a header name, such as CloudFront-Viewer-Country')
    .optional(),
  /** The country of viewers no trusted header places (ISO 3166-1 alpha-2, e.g. GB): a local deployment's own. Unset: unknown. */
  OTT_DEFAULT_VIEWER_COUNTRY: z
    .string()
    .optional()
    .transform((code, context): CountryCode | undefined => {
      if (code === undefined || code === '') return undefined;
      const problem = countryCodeProblem(code);
      if (problem === undefined && isCountryCode(code)) return code;
      context.addIssue({ code: 'custom', message: problem ?? 'not a country code' });
      return z.NEVER;
    }),
  /**
   * Private ranges that tenant-given URLs (imports, webhook endpoints) may reach, as comma-separated addresses or CIDRs:
   * only for local development and tests (e.g. 127.0.0.1/32). Empty by default: only public addresses are reached.
   */
  OTT_OUTBOUND_ALLOWED_CIDRS: cidrList,
  /** Encrypts private keys and secrets at rest (AES-256-GCM). */
  OTT_MASTER_KEY: base64Key.optional(),
  /** Signs admin access tokens and local upload URLs. */
  OTT_AUTH_SECRET: base64Key.optional(),
  OTT_FFMPEG_PATH: z.string().default('ffmpeg'),
  OTT_FFPROBE_PATH: z.string().default('ffprobe'),
  OTT_X264_PRESET: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium']).default('veryfast'),
  /** `off`: the ffmpeg ladder's first segment lasts 6 s, not 1 s (three requests fewer per view start, playable 5 s of encoding later). */
  OTT_FAST_START: z.enum(['on', 'off']).default('on'),
  /** A running transcode that has not reported for this long belongs to a dead worker and is retried. */
  OTT_JOB_STALE_SECONDS: z.coerce.number().int().min(2).default(60),
  /**
   * An upload not completed this many hours after it started expires: its parts are deleted and the plan storage
   * it reserved is released. At most a week: an unfinished upload holds stored bytes nobody is billed for.
   */
  OTT_UPLOAD_EXPIRY_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  /** Days raw analytics events are kept before the worker purges them (rollups are kept for good; docs/analytics.md). */
  OTT_ANALYTICS_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  /** The longest an import from a URL may take to download, connection to last byte. */
  OTT_IMPORT_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(6 * 3600)
    .default(1800),
  /** How long a playback grant lasts; players re-authorise before it ends. Short values are for tests. */
  OTT_PLAYBACK_GRANT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
  OTT_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Billing through Stripe when set (sk_live_… / sk_test_…); the local ledger otherwise. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Signing secret of the /webhooks/stripe endpoint (whsec_…); webhooks are refused without it. */
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Signing secret of the Connect endpoint /webhooks/stripe-connect (whsec_…): tenants' sales to viewers; refused without it. */
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Another Stripe API base (a local fake or stripe-mock); Stripe's own when unset. */
  OTT_STRIPE_API_URL: z.string().url().optional(),
  /** Bearer token of the platform operator (cost view); operator procedures are refused while unset. */
  OTT_OPERATOR_TOKEN: z.string().min(24, 'use at least 24 characters').optional(),
  /** How often the worker ingests edge logs and sends usage to billing; storage is sampled hourly. */
  OTT_METERING_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Local shape: send mail through this SMTP server (smtp://user:pass@host:587, or smtps:// for TLS from the start)
   * instead of keeping it in the development mailbox the portal shows. The aws shape sends through SES.
   */
  OTT_SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), 'must start with smtp:// or smtps://, e.g. smtp://user:password@mail.example.com:587')
    .optional(),
  /** The From address of mail sent through OTT_SMTP_URL (the aws shape sends from each cell's SES identity). */
  OTT_EMAIL_FROM: z.string().min(3).default('OTT Cloud <no-reply@localhost>'),
  /** aws shape (all required when OTT_CLOUD=aws, ignored otherwise): the platform's region and name prefix. */
  OTT_AWS_REGION: z.string().optional(),
  OTT_AWS_NAME_PREFIX: z.string().optional(),
  /** The SQS queue EventBridge fills with MediaConvert job state changes (platform stack output). */
  OTT_AWS_EVENTS_QUEUE_URL: z.string().url().optional(),
  /** The infrastructure configuration (cells, state backend): a JSON document or a path to one. */
  OTT_AWS_INFRA_CONFIG: z.string().optional(),
  OTT_TERRAFORM_PATH: z.string().default('terraform'),
  /** Emulator endpoints (tests, local trials); unset in production. */
  OTT_AWS_S3_ENDPOINT: z.string().url().optional(),
  OTT_AWS_COGNITO_ENDPOINT: z.string().url().optional(),
  /** SQS endpoint for the cells' CloudFront log notices (tests: a fake SQS at the HTTP boundary). */
  OTT_AWS_SQS_ENDPOINT: z.string().url().optional(),
  /** SES v2 endpoint for the cells' mail (tests: a fake SES at the HTTP boundary). */
  OTT_AWS_SES_ENDPOINT: z.string().url().optional(),
  /** The worker in aws: where the provisioner task runs (platform stack). Unset on an operator's machine: Terraform runs in-process. */
  OTT_AWS_PROVISIONER_CLUSTER: z.string().optional(),
  OTT_AWS_PROVISIONER_TASK_DEFINITION: z.string().optional(),
  OTT_AWS_PROVISIONER_SUBNETS: z.string().optional(),
  OTT_AWS_PROVISIONER_SECURITY_GROUPS: z.string().optional(),
  OTT_AWS_ECS_ENDPOINT: z.string().url().optional(),
  /** The provisioner task only: its one request (JSON), set by the worker through RunTask overrides. */
  OTT_PROVISION_REQUEST: z.string().optional(),
});

const AWS_REQUIRED = ['OTT_MASTER_KEY', 'OTT_AUTH_SECRET', 'OTT_AWS_REGION', 'OTT_AWS_NAME_PREFIX', 'OTT_AWS_EVENTS_QUEUE_URL', 'OTT_AWS_INFRA_CONFIG', 'OTT_OPERATOR_TOKEN'] as const;

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  if (parsed.data.OTT_CLOUD === 'aws') {
    const missing: string[] = AWS_REQUIRED.filter((name) => !parsed.data[name]);
    if (!parsed.data.DATABASE_URL && !parsed.data.DATABASE_HOST) missing.unshift('DATABASE_HOST, DATABASE_NAME and DATABASE_SECRET_ARN (or DATABASE_URL)');
    if (missing.length > 0) throw new Error(`OTT_CLOUD=aws needs ${missing.join(', ')}. See "Deploy to AWS" in the README (the platform stack's outputs give most of them).`);
  }
  return parsed.data;
}

/** The environment for a child process of ours: everything this process has, plus `extra`. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
