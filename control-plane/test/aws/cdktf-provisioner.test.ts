import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CellFullError, parseInfraConfig } from '@ott/tenant-infra';
import { CdktfProvisioner, TenantStackRunError } from '../../src/adapters/aws/cdktf-provisioner.js';
import { withAwsTables, type AwsDb } from '../../src/adapters/aws/aws-tables.js';
import { TenantPlacements } from '../../src/adapters/aws/tenant-placements.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import { rotateTenantSigningKey } from '../../src/domain/playback/key-rotation.js';
import { createPendingSigningKey } from '../../src/domain/playback/signing-keys.js';
import { StackRunUnavailableError, type StackRunner, type StackRunRequest, type StackRunResult } from '../../src/adapters/aws/provisioner-task/stack-run.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const { tenants: _none, ...infra } = parseInfraConfig({
  namePrefix: 'ott-test',
  platform: { accountId: '111111111111', region: 'eu-west-1', image: 'x', portalOrigins: ['https://portal.example'] },
  state: { bucket: 'state', region: 'eu-west-1' },
  cells: [
    {
      id: 'eu-1',
      accountId: '111111111111',
      region: 'eu-west-1',
      quotas: { keyGroups: 4 },
      email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' },
    },
  ],
});
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** A runner that answers from a script and keeps every request: the provisioner's side of the task boundary. */
function scriptedRunner(answer: (request: StackRunRequest) => StackRunResult | Error): StackRunner & { requests: StackRunRequest[] } {
  const requests: StackRunRequest[] = [];
  return {
    requests,
    run: async (request) => {
      requests.push(request);
      const result = answer(request);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

const applied = (request: StackRunRequest): StackRunResult => ({
  runId: request.runId,
  ok: true,
  action: 'apply',
  outputs: {
    bucketName: `ott-test-${request.tenant.id}`,
    distributionId: 'E1',
    distributionDomainName: 'd1.cloudfront.net',
    deliveryDomain: 'd1.cloudfront.net',
    keyGroupId: 'kg',
    cloudfrontKeyIds: { [request.tenant.publicKeys[0]?.id ?? '']: 'K2CLOUDFRONT' },
    viewerPoolId: 'eu-west-1_pool',
    viewerPoolClientId: 'client',
    viewerPoolDomain: 'dom',
    mediaConvertRoleArn: 'arn:aws:iam::111111111111:role/r',
  },
});

async function newTenant(database: TestDatabase) {
  const slug = `t-${randomBytes(3).toString('hex')}`;
  const { id } = await database.db
    .insertInto('tenants')
    .values({ slug, name: slug, allowed_origins: ['https://www.acme.example'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const keyPairId = `K${randomBytes(6).toString('hex').toUpperCase()}`;
  return { id, slug, keyPairId, publicKeys: [{ keyPairId, publicKeyPem: pem }] };
}

function placementOf(db: AwsDb, tenantId: string) {
  return db.selectFrom('tenant_cloud_placements').select(['status', 'last_error', 'delivery_domain', 'cloudfront_key_ids']).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
}

describe('CdktfProvisioner', () => {
  let database: TestDatabase;
  let db: AwsDb;
  const tenant = () => newTenant(database);
  const placement = (tenantId: string) => placementOf(db, tenantId);
  beforeAll(async () => {
    database = await createTestDatabase();
    db = withAwsTables(database.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('places the tenant, reports each step, has the runner apply its stack and records the outputs the aws adapters read', async () => {
    const t = await tenant();
    const runner = scriptedRunner(applied);
    const steps: string[] = [];
    const resources = await new CdktfProvisioner({ db, infra, runner }).provision(t, async (step) => void steps.push(step));
    expect(steps).toEqual(['placed', 'applying']);
    expect(resources).toEqual({ storagePrefix: `t/${t.id}/`, viewerPoolId: 'eu-west-1_pool', cdnKeyIds: { [t.keyPairId]: 'K2CLOUDFRONT' }, deliveryDomain: 'd1.cloudfront.net' });
    expect(runner.requests[0]).toMatchObject({
      action: 'apply',
      cellId: 'eu-1',
      tenant: { id: t.id, slug: t.slug, cell: 'eu-1', allowedOrigins: ['https://www.acme.example'], publicKeys: [{ id: t.keyPairId, pem }] },
    });
    expect(await placement(t.id)).toEqual({ status: 'applied', last_error: null, delivery_domain: 'd1.cloudfront.net', cloudfront_key_ids: { [t.keyPairId]: 'K2CLOUDFRONT' } });
  });

  it("records a failed apply's step and Terraform's words for the operator, and throws for the job's retry", async () => {
    const t = await tenant();
    const runner = scriptedRunner((request) => ({ runId: request.runId, ok: false, step: 'apply', detail: 'Error: creating CloudFront Distribution: AccessDenied' }));
    await expect(new CdktfProvisioner({ db, infra, runner }).provision(t)).rejects.toThrow(TenantStackRunError);
    expect(await placement(t.id)).toMatchObject({ status: 'failed', last_error: `Terraform failed at apply for tenant ${t.id}: Error: creating CloudFront Distribution: AccessDenied` });
  });

  it('a retry after a run that never reported starts a new run of the same stack and converges', async () => {
    const t = await tenant();
    let first = true;
    const runner = scriptedRunner((request) => {
      if (!first) return applied(request);
      first = false;
      return new StackRunUnavailableError('RunTask started no provisioner task: Capacity is unavailable at this time.');
    });
    const provisioner = new CdktfProvisioner({ db, infra, runner });
    await expect(provisioner.provision(t)).rejects.toThrow(/Capacity is unavailable/);
    expect(await placement(t.id)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('Capacity is unavailable') });
    await provisioner.provision(t);
    expect(await placement(t.id)).toMatchObject({ status: 'applied', last_error: null });
    expect(runner.requests.map((request) => request.tenant)).toEqual([runner.requests[0]?.tenant, runner.requests[0]?.tenant]);
    expect(runner.requests[0]?.runId).not.toBe(runner.requests[1]?.runId);
  });

  it('offboards by destroying the stack once; a re-run of the job finds nothing left to do', async () => {
    const t = await tenant();
    const runner = scriptedRunner((request) => (request.action === 'apply' ? applied(request) : { runId: request.runId, ok: true, action: 'destroy' }));
    const provisioner = new CdktfProvisioner({ db, infra, runner });
    await provisioner.provision(t);
    await provisioner.deprovision(t);
    await provisioner.deprovision(t);
    expect(runner.requests.map((request) => request.action)).toEqual(['apply', 'destroy']);
    expect(await placement(t.id)).toMatchObject({ status: 'destroyed' });
  });

  it('refuses a tenant when the cell is full, and a destroyed tenant frees its place', async () => {
    // Four key groups: the four tenants above took them, the offboarded one gave its back.
    const provisioner = new CdktfProvisioner({ db, infra, runner: scriptedRunner(applied) });
    await provisioner.provision(await tenant());
    await expect(provisioner.provision(await tenant())).rejects.toThrow(CellFullError);
  });
});

describe('CdktfProvisioner: public keys in a cell while signing keys rotate', () => {
  // Three public keys: two tenants of one key each plus the spare a rotation needs.
  const { tenants: _unused, ...threeKeys } = parseInfraConfig({
    namePrefix: 'ott-test',
    platform: { accountId: '111111111111', region: 'eu-west-1', image: 'x', portalOrigins: ['https://portal.example'] },
    state: { bucket: 'state', region: 'eu-west-1' },
    cells: [
      {
        id: 'keys-1',
        accountId: '111111111111',
        region: 'eu-west-1',
        quotas: { publicKeys: 3 },
        email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' },
      },
    ],
  });
  let database: TestDatabase;
  let provisioner: CdktfProvisioner;
  let deps: Parameters<typeof rotateTenantSigningKey>[0];
  beforeAll(async () => {
    database = await createTestDatabase();
    provisioner = new CdktfProvisioner({ db: withAwsTables(database.db), infra: threeKeys, runner: scriptedRunner(applied) });
    deps = {
      db: database.db,
      secrets: new SecretBox(randomBytes(32)),
      queue: { enqueue: async () => {} },
      clock: { now: () => new Date('2026-12-06T12:00:00Z') },
      provisioner,
    };
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** A tenant with a signing key its CDN already trusts, placed and applied. */
  const activeTenant = async () => {
    const slug = `t-${randomBytes(3).toString('hex')}`;
    const { id } = await database.db.insertInto('tenants').values({ slug, name: slug, status: 'active' }).returning('id').executeTakeFirstOrThrow();
    const key = await createPendingSigningKey(deps, id);
    await database.db.updateTable('tenant_signing_keys').set({ status: 'active', cdn_key_id: 'K2CLOUDFRONT' }).where('key_pair_id', '=', key.keyPairId).execute();
    await provisioner.provision({ id, slug, publicKeys: [key] });
    return id;
  };
  /** The rotation's apply confirmed and the replaced key's grants expired: the tenant is back to one key. */
  const finishRotation = async (tenantId: string) => {
    await database.db.updateTable('tenant_signing_keys').set({ status: 'retired' }).where('tenant_id', '=', tenantId).where('status', '=', 'active').execute();
    await database.db.updateTable('tenant_signing_keys').set({ status: 'active' }).where('tenant_id', '=', tenantId).where('status', '=', 'pending').execute();
  };

  it('counts the keys a rotating tenant holds: a new tenant waits for the spare, and a rotation finds none while another holds it', async () => {
    const first = await activeTenant();
    await rotateTenantSigningKey(deps, first, { emergency: false });

    // The first tenant trusts two keys while it rotates: a second tenant would leave the cell no spare key.
    const slug = `t-${randomBytes(3).toString('hex')}`;
    const { id: second } = await database.db.insertInto('tenants').values({ slug, name: slug, status: 'active' }).returning('id').executeTakeFirstOrThrow();
    await expect(provisioner.provision({ id: second, slug, publicKeys: [{ keyPairId: 'KSECOND', publicKeyPem: pem }] })).rejects.toThrow(
      /cell keys-1 .* is full: CloudFront 'Public keys per AWS account' would need 4 of 3/,
    );
    await database.db.deleteFrom('tenants').where('id', '=', second).execute();

    await finishRotation(first);
    const other = await activeTenant();

    // Two tenants, one key each, one spare: whoever rotates first takes it; the other is told to wait, and keeps its key.
    expect(await rotateTenantSigningKey(deps, other, { emergency: false })).toMatchObject({ state: 'pending' });
    const refused = rotateTenantSigningKey(deps, first, { emergency: false });
    await expect(refused).rejects.toMatchObject({ kind: 'conflict', message: expect.stringMatching(/cannot take a new playback key right now.*current key keeps signing/) });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringMatching(/cell|quota|account/i) });
    expect(await provisioner.publicKeyRefusal(first)).toMatch(/no spare public key for a rotation: CloudFront 'Public keys per AWS account' would need 4 of 3/);
    const firstKeys = await database.db.selectFrom('tenant_signing_keys').select('status').where('tenant_id', '=', first).where('status', '!=', 'retired').execute();
    expect(firstKeys).toEqual([{ status: 'active' }]);

    await finishRotation(other);
    expect(await rotateTenantSigningKey(deps, first, { emergency: false })).toMatchObject({ state: 'pending' });
  });
});

// Its own database: these tenants must not take the cell slots the test above counts.
describe('TenantPlacements.applied across re-applies', () => {
  let database: TestDatabase;
  let db: AwsDb;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = withAwsTables(database.db);
  });
  afterAll(async () => {
    await database?.drop();
  });
  const tenant = () => newTenant(database);
  const placement = (tenantId: string) => placementOf(db, tenantId);

  it("a re-apply in progress, or failed, leaves the applied stack serving the tenant's transcodes; a destroy does not", async () => {
    const t = await tenant();
    // Later runs wait until the test finishes them; `running` resolves once the runner holds such a run.
    let release: (result: StackRunResult) => void = () => undefined;
    let running: Promise<void> = Promise.resolve();
    let started: () => void = () => undefined;
    const nextRun = (): void => {
      running = new Promise<void>((resolve) => (started = resolve));
    };
    const runner: StackRunner = {
      run: async (request) => {
        if (request.runId === 'first-apply') return applied(request);
        started();
        return new Promise<StackRunResult>((resolve) => (release = resolve));
      },
    };
    const runIds = ['first-apply', 'rotation', 'destroy'];
    const provisioner = new CdktfProvisioner({ db, infra, runner, newRunId: () => runIds.shift() ?? 'extra-run' });
    const placements = new TenantPlacements(db, 'ott-test');
    const transcodeRole = async () => (await placements.applied(t.id, 'MediaConvert role', { fresh: true })).mediaConvertRoleArn;
    await provisioner.provision(t);

    nextRun();
    const rotation = provisioner.provision(t);
    await running;
    expect(await placement(t.id)).toMatchObject({ status: 'applying' });
    expect(await transcodeRole()).toBe('arn:aws:iam::111111111111:role/r');
    release({ runId: 'rotation', ok: false, step: 'apply', detail: 'Error: updating CloudFront Key Group: Throttling' });
    await expect(rotation).rejects.toThrow(TenantStackRunError);
    expect(await placement(t.id)).toMatchObject({ status: 'failed' });
    expect(await transcodeRole()).toBe('arn:aws:iam::111111111111:role/r');

    nextRun();
    const destroy = provisioner.deprovision(t);
    await running;
    expect(await placement(t.id)).toMatchObject({ status: 'destroying' });
    release({ runId: 'destroy', ok: false, step: 'destroy', detail: 'Error: deleting S3 Bucket: BucketNotEmpty' });
    await expect(destroy).rejects.toThrow(TenantStackRunError);
    expect(await placement(t.id)).toMatchObject({ status: 'destroying', last_error: expect.stringContaining('BucketNotEmpty') });
    await expect(transcodeRole()).rejects.toThrow(/not applied yet \(destroying\)/);
  });

  it('a tenant whose first apply failed has no transcode target', async () => {
    const t = await tenant();
    const runner = scriptedRunner((request) => ({ runId: request.runId, ok: false, step: 'apply', detail: 'Error: AccessDenied' }));
    await expect(new CdktfProvisioner({ db, infra, runner }).provision(t)).rejects.toThrow(TenantStackRunError);
    await expect(new TenantPlacements(db, 'ott-test').applied(t.id, 'MediaConvert role')).rejects.toThrow(/not applied yet \(failed\)/);
  });
});
