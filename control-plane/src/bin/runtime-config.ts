// Turns the validated environment into the runtime config every process uses. In the local shape,
// secrets that are not given are generated once and kept in the data folder (mode 0600).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LIFECYCLE, parseInfraConfig, STRIPE_SECRET_KEYS, stripeSecretName, type InfraConfig } from '@ott/tenant-infra';
import type { AwsSettings } from '../adapters/aws/aws-settings.js';
import type { DatabaseAccess, RuntimeConfig } from '../composition.js';
import { localSecrets } from '../crypto/local-secrets.js';
import { rdsCaBundle } from '../db/postgres-connection.js';
import { childProcessEnv, type Env } from '../env.js';

export async function runtimeConfig(env: Env, databaseUrl: string): Promise<RuntimeConfig> {
  const needsLocalSecrets = !env.OTT_MASTER_KEY || !env.OTT_AUTH_SECRET;
  if (needsLocalSecrets && env.OTT_CLOUD === 'aws') throw new Error('OTT_MASTER_KEY and OTT_AUTH_SECRET must be set in the aws shape.');
  if (env.OTT_CLOUD === 'aws') requireStripe(env);
  const stored = needsLocalSecrets ? await localSecrets(env.OTT_DATA_DIR) : undefined;
  const database = await databaseAccess(env);
  return {
    cloud: env.OTT_CLOUD,
    databaseUrl,
    ...(database ? { database } : {}),
    dataDir: path.resolve(env.OTT_DATA_DIR),
    apiUrl: (env.OTT_PUBLIC_API_URL ?? `http://${env.OTT_API_HOST}:${env.OTT_API_PORT}`).replace(/\/$/, ''),
    edgeUrl: (env.OTT_PUBLIC_EDGE_URL ?? `http://${env.OTT_API_HOST}:${env.OTT_EDGE_PORT}`).replace(/\/$/, ''),
    masterKey: Buffer.from(env.OTT_MASTER_KEY ?? stored?.masterKey ?? '', 'base64'),
    authSecret: Buffer.from(env.OTT_AUTH_SECRET ?? stored?.authSecret ?? '', 'base64'),
    ffmpegPath: env.OTT_FFMPEG_PATH,
    ffprobePath: env.OTT_FFPROBE_PATH,
    x264Preset: env.OTT_X264_PRESET,
    fastStart: env.OTT_FAST_START === 'on',
    playbackGrantSeconds: env.OTT_PLAYBACK_GRANT_SECONDS,
    uploadExpiryHours: env.OTT_UPLOAD_EXPIRY_HOURS,
    importTimeoutSeconds: env.OTT_IMPORT_TIMEOUT_SECONDS,
    outboundAllowedCidrs: env.OTT_OUTBOUND_ALLOWED_CIDRS,
    ...(env.STRIPE_SECRET_KEY
      ? {
          stripe: {
            secretKey: env.STRIPE_SECRET_KEY,
            ...(env.STRIPE_WEBHOOK_SECRET ? { webhookSecret: env.STRIPE_WEBHOOK_SECRET } : {}),
            ...(env.STRIPE_CONNECT_WEBHOOK_SECRET ? { connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET } : {}),
            ...(env.OTT_STRIPE_API_URL ? { apiUrl: env.OTT_STRIPE_API_URL } : {}),
          },
        }
      : {}),
    ...(env.OTT_OPERATOR_TOKEN ? { operatorToken: env.OTT_OPERATOR_TOKEN } : {}),
    ...(env.OTT_SMTP_URL ? { smtp: { url: env.OTT_SMTP_URL, from: env.OTT_EMAIL_FROM } } : {}),
    ...(env.OTT_CLOUD === 'aws' ? { aws: await awsSettings(env) } : {}),
  };
}

/**
 * Billing in the aws shape goes through Stripe. Without its keys usage would silently go to the local ledger and every
 * Stripe webhook be refused, so the process does not start; the operator is told where the keys go.
 */
function requireStripe(env: Env): void {
  const missing = STRIPE_SECRET_KEYS.filter((name) => !env[name]);
  if (missing.length === 0) return;
  const secret = stripeSecretName(env.OTT_AWS_NAME_PREFIX ?? '{namePrefix}');
  throw new Error(
    `OTT_CLOUD=aws needs ${missing.join(' and ')}: billing goes through Stripe. The tasks read them from the secret ${secret}: store both there with \`aws secretsmanager put-secret-value --secret-id ${secret}\` as the step "Store the Stripe keys" of "Deploy to AWS" in the README shows (\`pnpm ott-ops aws deploy-plan\` prints it), then start the services again.`,
  );
}

/** The aws shape's settings; readEnv has already listed any missing variable, this says what is wrong with the given ones. */
export async function awsSettings(env: Env): Promise<AwsSettings> {
  const required = (name: 'OTT_AWS_REGION' | 'OTT_AWS_NAME_PREFIX' | 'OTT_AWS_EVENTS_QUEUE_URL' | 'OTT_AWS_INFRA_CONFIG'): string => {
    const value = env[name];
    if (!value) throw new Error(`OTT_CLOUD=aws needs ${name}. See "Deploy to AWS" in the README.`);
    return value;
  };
  const infra = await readInfraSetting(required('OTT_AWS_INFRA_CONFIG'));
  const namePrefix = required('OTT_AWS_NAME_PREFIX');
  // Buckets and roles are named from the prefix: two different prefixes would point at resources that do not exist.
  if (infra.namePrefix !== namePrefix) throw new Error(`OTT_AWS_NAME_PREFIX is ${namePrefix} but the infrastructure configuration's namePrefix is ${infra.namePrefix}: they must match.`);
  // The media buckets' own rule would delete the parts of an upload the control plane still accepts.
  const bucketAbortHours = LIFECYCLE.abortIncompleteUploadsDays * 24;
  if (env.OTT_UPLOAD_EXPIRY_HOURS > bucketAbortHours) {
    throw new Error(
      `OTT_UPLOAD_EXPIRY_HOURS is ${env.OTT_UPLOAD_EXPIRY_HOURS} but the tenants' media buckets abort unfinished uploads after ${bucketAbortHours} hours (tenant-infra LIFECYCLE.abortIncompleteUploadsDays). Set ${bucketAbortHours} or less, or raise the bucket rule and apply the tenant stacks first.`,
    );
  }
  const endpoints = {
    ...(env.OTT_AWS_S3_ENDPOINT ? { s3: env.OTT_AWS_S3_ENDPOINT } : {}),
    ...(env.OTT_AWS_COGNITO_ENDPOINT ? { cognito: env.OTT_AWS_COGNITO_ENDPOINT } : {}),
    ...(env.OTT_AWS_SQS_ENDPOINT ? { sqs: env.OTT_AWS_SQS_ENDPOINT } : {}),
    ...(env.OTT_AWS_SES_ENDPOINT ? { ses: env.OTT_AWS_SES_ENDPOINT } : {}),
    ...(env.OTT_AWS_ECS_ENDPOINT ? { ecs: env.OTT_AWS_ECS_ENDPOINT } : {}),
  };
  const provisionerTask = provisionerTaskSettings(env);
  return {
    region: required('OTT_AWS_REGION'),
    namePrefix,
    eventsQueueUrl: required('OTT_AWS_EVENTS_QUEUE_URL'),
    infra,
    terraformPath: env.OTT_TERRAFORM_PATH,
    terraformEnvironment: childProcessEnv({}),
    ...(env.OTT_AWS_ORIGIN_VERIFY ? { originVerifyValue: env.OTT_AWS_ORIGIN_VERIFY } : {}),
    ...(provisionerTask ? { provisionerTask } : {}),
    ...(Object.keys(endpoints).length > 0 ? { endpoints } : {}),
  };
}

/** The provisioner task's place (the platform stack sets all four on the worker), or none: Terraform runs in this process. */
function provisionerTaskSettings(env: Env): AwsSettings['provisionerTask'] {
  const given = {
    cluster: env.OTT_AWS_PROVISIONER_CLUSTER,
    taskDefinition: env.OTT_AWS_PROVISIONER_TASK_DEFINITION,
    subnets: env.OTT_AWS_PROVISIONER_SUBNETS,
    securityGroups: env.OTT_AWS_PROVISIONER_SECURITY_GROUPS,
  };
  const missing = Object.entries(given).filter(([, value]) => !value);
  if (missing.length === 4) return undefined;
  if (missing.length > 0) {
    throw new Error(
      'OTT_AWS_PROVISIONER_CLUSTER, OTT_AWS_PROVISIONER_TASK_DEFINITION, OTT_AWS_PROVISIONER_SUBNETS and OTT_AWS_PROVISIONER_SECURITY_GROUPS go together (the platform stack sets them on the worker); set all four or none.',
    );
  }
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return { cluster: given.cluster ?? '', taskDefinition: given.taskDefinition ?? '', subnets: list(given.subnets), securityGroups: list(given.securityGroups) };
}

/** The cells and state backend from OTT_AWS_INFRA_CONFIG; tenants come from the database, never from here. */
export async function readInfraSetting(source: string): Promise<Omit<InfraConfig, 'tenants'>> {
  const inline = source.trimStart().startsWith('{');
  const { tenants: _tenants, ...infra } = parseInfraConfig(await infraDocument(source, inline), inline ? 'OTT_AWS_INFRA_CONFIG' : `OTT_AWS_INFRA_CONFIG (${source})`);
  return infra;
}

/** OTT_AWS_INFRA_CONFIG is the JSON itself (the platform stack sets it so) or the path of a file holding it. */
async function infraDocument(source: string, inline: boolean): Promise<unknown> {
  const where = inline ? 'OTT_AWS_INFRA_CONFIG (inline JSON)' : `OTT_AWS_INFRA_CONFIG (${source})`;
  const text = inline
    ? source
    : await readFile(path.resolve(source), 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new Error(`OTT_AWS_INFRA_CONFIG names ${path.resolve(source)}, which cannot be read (${error.code ?? error.message}). Give the JSON itself or the path of infra.json.`);
      });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

export function requireDatabaseUrl(env: Env): string {
  if (env.DATABASE_HOST) {
    const missing = (['DATABASE_NAME', 'DATABASE_SECRET_ARN'] as const).filter((name) => !env[name]);
    if (missing.length > 0) throw new Error(`DATABASE_HOST is set, so ${missing.join(' and ')} must be too (the platform stack sets all three on the ECS tasks).`);
    if (env.DATABASE_URL) throw new Error('Both DATABASE_URL and DATABASE_HOST are set: give one (DATABASE_HOST with DATABASE_NAME and DATABASE_SECRET_ARN on RDS).');
    // No user or password: they come from the secret (databaseAccess below).
    return `postgres://${env.DATABASE_HOST}:${env.DATABASE_PORT}/${encodeURIComponent(env.DATABASE_NAME ?? '')}`;
  }
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set. Start everything with `npm start`, which runs PostgreSQL for you, or set DATABASE_URL.');
  return env.DATABASE_URL;
}

/** TLS and the credentials' secret, from DATABASE_TLS, DATABASE_CA_FILE and DATABASE_SECRET_ARN; undefined when the URL says it all. */
export async function databaseAccess(env: Env): Promise<DatabaseAccess | undefined> {
  const tls = env.DATABASE_TLS === 'verify-full' ? { ca: await caBundle(env.DATABASE_CA_FILE) } : undefined;
  const arn = env.DATABASE_HOST ? env.DATABASE_SECRET_ARN : undefined;
  const secret = arn ? { secretArn: arn, region: arn.split(':')[3] ?? '', ...(env.OTT_AWS_SECRETS_MANAGER_ENDPOINT ? { endpoint: env.OTT_AWS_SECRETS_MANAGER_ENDPOINT } : {}) } : undefined;
  if (!tls && !secret) return undefined;
  return { ...(tls ? { tls } : {}), ...(secret ? { secret } : {}) };
}

async function caBundle(file: string | undefined): Promise<string> {
  if (!file) return rdsCaBundle();
  const text = await readFile(path.resolve(file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`DATABASE_CA_FILE names ${path.resolve(file)}, which cannot be read (${error.code ?? error.message}).`);
  });
  if (!text.includes('BEGIN CERTIFICATE')) throw new Error(`DATABASE_CA_FILE (${path.resolve(file)}) holds no PEM certificate.`);
  return text;
}
