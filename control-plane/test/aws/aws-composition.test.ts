// compose() with OTT_CLOUD=aws, from the environment as a process reads it: the aws adapters are built without a
// single request to AWS, and then reach the emulators (s3rver, cognito-local) through the tenant's cell.
import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mediaBucketName } from '@ott/tenant-infra';
import { withAwsTables } from '../../src/adapters/aws/aws-tables.js';
import { CdktfProvisioner } from '../../src/adapters/aws/cdktf-provisioner.js';
import { CellIdentity } from '../../src/adapters/aws/cell-identity.js';
import { MediaConvertTranscoder } from '../../src/adapters/aws/mediaconvert/mediaconvert-transcoder.js';
import { S3ObjectStore } from '../../src/adapters/aws/s3-object-store.js';
import { runtimeConfig } from '../../src/bin/runtime-config.js';
import { compose, type Composition } from '../../src/composition.js';
import { applyTrustedKeys } from '../../src/domain/playback/apply-trusted-keys.js';
import { ensureTenantSigningKey } from '../../src/domain/playback/signing-keys.js';
import { readEnv } from '../../src/env.js';
import type { TenantProvisioner } from '../../src/ports.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startCognitoEmulator, type CognitoEmulator } from './support/cognito-emulator.js';
import { taskSecrets } from './support/task-secrets.js';
import { EMULATOR_CREDENTIALS, startS3Emulator, type S3Emulator } from './support/s3-emulator.js';

const PREFIX = 'ott-test';
const infra = {
  namePrefix: PREFIX,
  platform: { accountId: '111111111111', region: 'eu-west-1', image: 'example/ott-cloud:test', portalOrigins: ['https://portal.example'] },
  state: { bucket: 'ott-test-state', region: 'eu-west-1' },
  // The second cell is another account: its clients would assume a role, on first use only.
  cells: [
    { id: 'eu-1', accountId: '111111111111', region: 'eu-west-1', email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' } },
    { id: 'us-1', accountId: '222222222222', region: 'us-east-1', email: { sesIdentityArn: 'arn:aws:ses:us-east-1:222222222222:identity/video.example.com', from: 'no-reply@video.example.com' } },
  ],
};

let database: TestDatabase;
let s3: S3Emulator;
let cognito: CognitoEmulator;
let dataDir: string;
let app: Composition;
let requestsWhileComposing: string[];

function awsEnv(): NodeJS.ProcessEnv {
  return {
    OTT_CLOUD: 'aws',
    DATABASE_URL: database.url,
    OTT_DATA_DIR: dataDir,
    OTT_MASTER_KEY: randomBytes(32).toString('base64'),
    OTT_AUTH_SECRET: randomBytes(32).toString('base64'),
    OTT_AWS_REGION: 'eu-west-1',
    OTT_AWS_NAME_PREFIX: PREFIX,
    OTT_AWS_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/ott-test-transcode-events',
    OTT_AWS_INFRA_CONFIG: JSON.stringify(infra),
    OTT_AWS_S3_ENDPOINT: s3.endpoint,
    OTT_AWS_COGNITO_ENDPOINT: cognito.endpoint,
    OTT_TERRAFORM_PATH: path.join(dataDir, 'no-terraform'),
    ...taskSecrets(),
  };
}

beforeAll(async () => {
  [database, s3, cognito, dataDir] = await Promise.all([createTestDatabase(), startS3Emulator(), startCognitoEmulator(), mkdtemp(path.join(tmpdir(), 'ott-aws-compose-'))]);
  // What the SDK's default chain finds in an ECS task, as keys the emulators accept.
  vi.stubEnv('AWS_ACCESS_KEY_ID', EMULATOR_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', EMULATOR_CREDENTIALS.secretAccessKey);
  const env = readEnv(awsEnv());
  const config = await runtimeConfig(env, database.url);
  requestsWhileComposing = [];
  const record = (message: unknown) => requestsWhileComposing.push(String((message as { request?: { host?: string } }).request?.host));
  subscribe('http.client.request.start', record);
  try {
    app = await compose(config, { db: database.db });
  } finally {
    unsubscribe('http.client.request.start', record);
  }
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await app?.close();
  await Promise.all([database?.drop(), s3?.close(), cognito?.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

async function placedTenant(values: { cloudfrontKeyIds?: Record<string, string> } = {}) {
  const slug = `t-${randomBytes(4).toString('hex')}`;
  const { id } = await database.db.insertInto('tenants').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow();
  await withAwsTables(database.db)
    .insertInto('tenant_cloud_placements')
    .values({ tenant_id: id, cell_id: 'eu-1', account_id: '111111111111', region: 'eu-west-1', status: 'applied', cloudfront_key_ids: JSON.stringify(values.cloudfrontKeyIds ?? {}) })
    .execute();
  return id;
}

describe('compose() in the aws shape', () => {
  it('builds the aws adapters without sending a request anywhere', () => {
    expect(requestsWhileComposing).toEqual([]);
    expect(app.deps.store).toBeInstanceOf(S3ObjectStore);
    expect(app.deps.identity).toBeInstanceOf(CellIdentity);
    expect(app.deps.transcoder).toBeInstanceOf(MediaConvertTranscoder);
    expect(app.deps.provisioner).toBeInstanceOf(CdktfProvisioner);
    // The worker polls MediaConvert's job events.
    expect(app.backgroundLoops).toHaveLength(1);
    // No local store or issuer routes in the aws shape.
    expect(app.routes).toEqual([]);
  });

  it("stores a tenant's objects in its own bucket through its cell's S3", async () => {
    const tenantId = await placedTenant();
    await s3.createBucket(mediaBucketName(PREFIX, tenantId));
    const file = path.join(dataDir, 'hello.txt');
    await writeFile(file, 'hello');
    await app.deps.store.putFile(`t/${tenantId}/v/x/hello.txt`, file);
    expect(await app.deps.store.exists(`t/${tenantId}/v/x/hello.txt`)).toBe(true);
    expect(await app.deps.store.exists(`t/${tenantId}/v/x/other.txt`)).toBe(false);
  });

  it("manages viewers in the pool of the tenant's cell", async () => {
    const tenantId = await placedTenant();
    const { poolId } = await app.deps.identity.createPool(tenantId);
    await withAwsTables(database.db).updateTable('tenant_cloud_placements').set({ viewer_pool_id: poolId }).where('tenant_id', '=', tenantId).execute();
    await app.deps.identity.inviteViewer(poolId, 'Fan@Example.com');
    expect((await app.deps.identity.listViewers(poolId, { limit: 10 })).data.map((viewer) => viewer.email)).toEqual(['fan@example.com']);
  });

  it('signs grants under the CloudFront public key id the apply confirmed, and nothing before the apply', async () => {
    const tenantId = await placedTenant();
    await ensureTenantSigningKey(app.deps, tenantId);
    const sign = () => app.deps.signer.sign({ tenantId, resource: `https://d1.cloudfront.net/t/${tenantId}/v/x/*`, expiresAt: new Date(Date.now() + 60_000) });
    await expect(sign()).rejects.toThrow(`Tenant ${tenantId} has no playback signing key yet`);
    // What CdktfProvisioner returns once terraform has applied: CloudFront's id for every key the distribution trusts.
    const provisioner: TenantProvisioner = {
      provision: async (tenant) => ({
        storagePrefix: `t/${tenant.id}/`,
        viewerPoolId: 'eu-west-1_pool',
        cdnKeyIds: Object.fromEntries(tenant.publicKeys.map((key) => [key.keyPairId, 'K2CLOUDFRONTID'])),
      }),
      deprovision: async () => {},
    };
    await applyTrustedKeys({ ...app.deps, provisioner }, { id: tenantId, slug: 'x' });
    expect((await sign()).keyPairId).toBe('K2CLOUDFRONTID');
  });
});

describe('aws shape configuration errors', () => {
  it('names a missing variable', () => {
    const { OTT_AWS_EVENTS_QUEUE_URL: _missing, ...env } = awsEnv();
    expect(() => readEnv(env)).toThrow('OTT_CLOUD=aws needs OTT_AWS_EVENTS_QUEUE_URL.');
  });

  it('says what is wrong with the infrastructure configuration', async () => {
    const unreadable = readEnv({ ...awsEnv(), OTT_AWS_INFRA_CONFIG: path.join(dataDir, 'missing-infra.json') });
    await expect(runtimeConfig(unreadable, database.url)).rejects.toThrow(/OTT_AWS_INFRA_CONFIG names .*missing-infra\.json, which cannot be read \(ENOENT\)/);
    const invalid = readEnv({ ...awsEnv(), OTT_AWS_INFRA_CONFIG: JSON.stringify({ ...infra, cells: [] }) });
    await expect(runtimeConfig(invalid, database.url)).rejects.toThrow(/OTT_AWS_INFRA_CONFIG is invalid:\n {2}cells: /);
    const otherPrefix = readEnv({ ...awsEnv(), OTT_AWS_NAME_PREFIX: 'ott-other' });
    await expect(runtimeConfig(otherPrefix, database.url)).rejects.toThrow("OTT_AWS_NAME_PREFIX is ott-other but the infrastructure configuration's namePrefix is ott-test");
  });

  it("refuses an upload expiry longer than the media buckets' abort rule, which would delete parts the control plane still accepts", async () => {
    expect((await runtimeConfig(readEnv(awsEnv()), database.url)).uploadExpiryHours).toBe(24);
    expect((await runtimeConfig(readEnv({ ...awsEnv(), OTT_UPLOAD_EXPIRY_HOURS: '6' }), database.url)).uploadExpiryHours).toBe(6);
    await expect(runtimeConfig(readEnv({ ...awsEnv(), OTT_UPLOAD_EXPIRY_HOURS: '48' }), database.url)).rejects.toThrow(
      "OTT_UPLOAD_EXPIRY_HOURS is 48 but the tenants' media buckets abort unfinished uploads after 24 hours (tenant-infra LIFECYCLE.abortIncompleteUploadsDays). Set 24 or less, or raise the bucket rule and apply the tenant stacks first.",
    );
    // The local shape has no such rule: up to a week.
    expect(readEnv({ OTT_UPLOAD_EXPIRY_HOURS: '168' }).OTT_UPLOAD_EXPIRY_HOURS).toBe(168);
    expect(() => readEnv({ OTT_UPLOAD_EXPIRY_HOURS: '169' })).toThrow(/OTT_UPLOAD_EXPIRY_HOURS/);
  });

  it('refuses to start without the Stripe keys, naming the secret they go in and the step that stores them', async () => {
    const { STRIPE_WEBHOOK_SECRET: _missing, ...withoutWebhookSecret } = awsEnv();
    await expect(runtimeConfig(readEnv(withoutWebhookSecret), database.url)).rejects.toThrow(
      'OTT_CLOUD=aws needs STRIPE_WEBHOOK_SECRET: billing goes through Stripe. The tasks read them from the secret ott-test/stripe: store both there with `aws secretsmanager put-secret-value --secret-id ott-test/stripe` as the step "Store the Stripe keys" of "Deploy to AWS" in the README shows',
    );
    const { STRIPE_SECRET_KEY: _key, STRIPE_WEBHOOK_SECRET: _secret, ...withoutStripe } = awsEnv();
    await expect(runtimeConfig(readEnv(withoutStripe), database.url)).rejects.toThrow('OTT_CLOUD=aws needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  });

  it('bills through Stripe and accepts the operator, with what the tasks read from their secrets', async () => {
    const config = await runtimeConfig(readEnv(awsEnv()), database.url);
    expect(config.stripe).toMatchObject({ secretKey: 'sk_test_ott_cloud', webhookSecret: 'whsec_ott_cloud' });
    expect(config.operatorToken).toBe(taskSecrets().OTT_OPERATOR_TOKEN);
    const { OTT_OPERATOR_TOKEN: _token, ...withoutToken } = awsEnv();
    expect(() => readEnv(withoutToken)).toThrow('OTT_CLOUD=aws needs OTT_OPERATOR_TOKEN.');
  });

  it('refuses a runtime configuration without the aws settings', async () => {
    const config = await runtimeConfig(readEnv(awsEnv()), database.url);
    const { aws: _aws, ...withoutAws } = config;
    await expect(compose(withoutAws, { db: database.db })).rejects.toThrow('OTT_CLOUD=aws needs its settings');
  });
});
