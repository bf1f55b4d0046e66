// Key rotation on a simulated timeline: a CDN whose apply takes twelve simulated minutes and only then changes the keys
// it trusts (as a Terraform apply of a CloudFront key group does), grants issued every minute by an API process of its
// own, and every grant not yet expired checked against the CDN's trusted set with the verifier the local edge uses.
import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifySignedAccess, type SignedAccessRefusal } from '@ott/signing';
import { CloudFrontPolicySigner } from '../../src/adapters/aws/cloudfront-policy-signer.js';
import { LocalIdentityProvider } from '../../src/adapters/local/local-identity-provider.js';
import { LocalProvisioner } from '../../src/adapters/local/local-provisioner.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import type { DomainDeps } from '../../src/domain/deps.js';
import { applyTrustedKeys, reapplyTrustedKeys, retirementWindowMs } from '../../src/domain/playback/apply-trusted-keys.js';
import { grantExpiry } from '../../src/domain/playback/grant-expiry.js';
import { requestDueKeyRemovals, rotateTenantSigningKey, signingKeyRotation } from '../../src/domain/playback/key-rotation.js';
import { ensureTenantSigningKey, loadTenantPrivateKey } from '../../src/domain/playback/signing-keys.js';
import { DatabaseTenantDirectory } from '../../src/edge/database-tenant-directory.js';
import type { Clock, JobPayload, PlaybackGrant, PlaybackPublicKey, TenantProvisioner, TenantResources } from '../../src/ports.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MINUTE = 60_000;
const GRANT_SECONDS = 600;
const START = Date.parse('2026-12-01T10:00:00Z');

class SimulatedClock implements Clock {
  #now = START;
  #waiters: { at: number; wake: () => void }[] = [];

  now(): Date {
    return new Date(this.#now);
  }

  until(at: number): Promise<void> {
    if (at <= this.#now) return Promise.resolve();
    return new Promise((wake) => this.#waiters.push({ at, wake }));
  }

  /** Work sleeping on simulated time (an apply under way). */
  get waiting(): number {
    return this.#waiters.length;
  }

  advance(ms: number): void {
    this.#now += ms;
    const due = this.#waiters.filter((waiter) => waiter.at <= this.#now);
    this.#waiters = this.#waiters.filter((waiter) => waiter.at > this.#now);
    for (const waiter of due) waiter.wake();
  }
}

/**
 * CloudFront as a Terraform apply changes it, under CloudFront's own key ids, at the worst moment for each direction:
 * a key left out stops being trusted as the apply starts, a key added is trusted only when the apply returns.
 */
class SlowCdn implements TenantProvisioner {
  readonly trusted = new Map<string, KeyObject>();
  applyMs = 0;
  failure: string | undefined;
  applies: { startedAt: Date; finishedAt: Date; keys: string[] }[] = [];

  constructor(private readonly clock: SimulatedClock) {}

  async provision(tenant: { id: string; slug: string; publicKeys: readonly PlaybackPublicKey[] }): Promise<TenantResources> {
    const startedAt = this.clock.now();
    const kept = new Set(tenant.publicKeys.map((key) => cloudFrontId(key.keyPairId)));
    if (!this.failure) for (const id of this.trusted.keys()) if (!kept.has(id)) this.trusted.delete(id);
    await this.clock.until(startedAt.getTime() + this.applyMs);
    if (this.failure) throw new Error(this.failure);
    for (const key of tenant.publicKeys) this.trusted.set(cloudFrontId(key.keyPairId), createPublicKey(key.publicKeyPem));
    this.applies.push({ startedAt, finishedAt: this.clock.now(), keys: tenant.publicKeys.map((key) => key.keyPairId) });
    return { storagePrefix: `t/${tenant.id}/`, viewerPoolId: 'pool', cdnKeyIds: Object.fromEntries(tenant.publicKeys.map((key) => [key.keyPairId, cloudFrontId(key.keyPairId)])) };
  }

  async deprovision(): Promise<void> {
    this.trusted.clear();
  }
}

const cloudFrontId = (ours: string) => `CF${ours.slice(1)}`;

type RotationDeps = Pick<DomainDeps, 'db' | 'secrets' | 'provisioner' | 'signer' | 'clock' | 'playback' | 'queue'>;

/** The worker: runs queued applies one at a time (the queue keeps one per tenant), as pg-boss would. */
class Worker {
  readonly queued: JobPayload[] = [];
  running: { promise: Promise<void>; done: boolean; error?: unknown } | undefined;

  constructor(private readonly deps: () => RotationDeps) {}

  readonly queue = { enqueue: async (job: JobPayload) => void this.queued.push(job) };

  start(): void {
    if (this.running && !this.running.done) return;
    const job = this.queued.shift();
    if (job?.type !== 'apply-signing-keys') return;
    const running: NonNullable<Worker['running']> = { done: false, promise: Promise.resolve() };
    running.promise = reapplyTrustedKeys(this.deps(), job.tenantId).then(
      () => void (running.done = true),
      (error: unknown) => {
        running.done = true;
        running.error = error;
      },
    );
    this.running = running;
  }

  /** Waits until the running job is done or sleeps on simulated time (its apply), so each moment is checked in a known state. */
  async settle(): Promise<void> {
    while (this.running && !this.running.done && clock.waiting === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

let database: TestDatabase;
let clock: SimulatedClock;
let cdn: SlowCdn;
let worker: Worker;
let deps: RotationDeps;
/** An API process of its own: nobody tells it about a rotation, it re-reads the key on its own schedule. */
let apiSigner: CloudFrontPolicySigner;
let tenantId: string;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

beforeEach(async () => {
  clock = new SimulatedClock();
  cdn = new SlowCdn(clock);
  worker = new Worker(() => deps);
  const secrets = new SecretBox(randomBytes(32));
  const keyOf = (id: string) => loadTenantPrivateKey({ db: database.db, secrets }, id);
  const now = () => clock.now().getTime();
  deps = { db: database.db, secrets, provisioner: cdn, signer: new CloudFrontPolicySigner(keyOf, now), clock, playback: { grantSeconds: GRANT_SECONDS }, queue: worker.queue };
  apiSigner = new CloudFrontPolicySigner(keyOf, now);
  const slug = `t-${randomBytes(4).toString('hex')}`;
  tenantId = (await database.db.insertInto('tenants').values({ slug, name: slug, status: 'active' }).returning('id').executeTakeFirstOrThrow()).id;
  await ensureTenantSigningKey(deps, tenantId);
  await applyTrustedKeys(deps, { id: tenantId, slug });
  cdn.applyMs = 12 * MINUTE;
});

const resource = () => `https://d1.cloudfront.net/t/${tenantId}/v/film/*`;

function issueGrant(): Promise<PlaybackGrant> {
  return apiSigner.sign({ tenantId, resource: resource(), expiresAt: grantExpiry(clock.now(), GRANT_SECONDS) });
}

/** What CloudFront answers for a segment requested with `grant` now. */
function cdnVerdict(grant: PlaybackGrant): SignedAccessRefusal | 'ok' {
  const result = verifySignedAccess(
    { policy: grant.policy, signature: grant.signature, keyPairId: grant.keyPairId },
    { url: resource().replace('*', '720p/segment-00001.m4s'), now: clock.now(), clientIp: '203.0.113.9', publicKeyFor: (id) => cdn.trusted.get(id) },
  );
  return result.ok ? 'ok' : result.reason;
}

/** Moves simulated time on by `ms` in 15-second steps, the worker sweeping and working as it would. */
async function live(ms: number, each: () => Promise<void> = async () => {}): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 15_000) {
    clock.advance(15_000);
    await worker.settle();
    await requestDueKeyRemovals(deps);
    worker.start();
    await worker.settle();
    await each();
  }
}

/**
 * Issues a grant at every moment and checks every unexpired one against the CDN. `mayStop` grants may be refused later
 * (a leaked key's), but never at the moment they are issued: a viewer starting playback always plays.
 */
function watchGrants(mayStop: (grant: PlaybackGrant) => boolean = () => false) {
  const grants: { issuedAt: Date; grant: PlaybackGrant }[] = [];
  const failures: string[] = [];
  const minute = (at: Date) => (at.getTime() - START) / MINUTE;
  const everyMoment = async () => {
    const now = clock.now();
    grants.push({ issuedAt: now, grant: await issueGrant() });
    for (const { issuedAt, grant } of grants) {
      if (grant.expiresAt <= now || (mayStop(grant) && issuedAt < now)) continue;
      const verdict = cdnVerdict(grant);
      if (verdict !== 'ok') failures.push(`minute ${minute(now)}: grant issued at minute ${minute(issuedAt)} refused (${verdict})`);
    }
  };
  return { failures, everyMoment };
}

const statuses = async () =>
  Object.fromEntries((await database.db.selectFrom('tenant_signing_keys').select(['key_pair_id', 'status']).where('tenant_id', '=', tenantId).execute()).map((row) => [row.key_pair_id, row.status]));

describe('signing key rotation on a simulated timeline', () => {
  it('keeps every grant issued at any moment (every 15 s) playable until it expires, through both applies', async () => {
    const { failures, everyMoment } = watchGrants();

    // Between two of the API process's key re-reads (every 30 s), so it signs with the old key for a while after the switch.
    await live(5 * MINUTE + 15_000, everyMoment);
    const oldKey = (await signingKeyRotation(deps, tenantId)).keyPairId;
    const rotation = await rotateTenantSigningKey(deps, tenantId, { emergency: false });
    expect(rotation).toMatchObject({ state: 'pending', emergency: false, problem: null });
    expect(rotation.message).toContain('nothing stops playing');
    await live(60 * MINUTE, everyMoment);

    expect(failures).toEqual([]);
    // Both phases happened: the new key was added by the first apply, the old one removed by a second once its grants had expired.
    const [added, removed] = cdn.applies.slice(1);
    expect(added?.keys.sort()).toEqual([oldKey, rotation.keyPairId].sort());
    expect(removed?.keys).toEqual([rotation.keyPairId]);
    expect(removed!.startedAt.getTime()).toBeGreaterThanOrEqual(added!.finishedAt.getTime() + retirementWindowMs(GRANT_SECONDS));
    expect([...cdn.trusted.keys()]).toEqual([cloudFrontId(rotation.keyPairId)]);
    expect(await statuses()).toEqual({ [oldKey]: 'retired', [rotation.keyPairId]: 'active' });
    expect((await issueGrant()).keyPairId).toBe(cloudFrontId(rotation.keyPairId));
  });

  it('keeps signing with the old key while the apply is under way, and says when the old key stops being honoured', async () => {
    const { keyPairId: oldKey } = await signingKeyRotation(deps, tenantId);
    const rotation = await rotateTenantSigningKey(deps, tenantId, { emergency: false });
    await live(11 * MINUTE);
    expect((await issueGrant()).keyPairId).toBe(cloudFrontId(oldKey));
    await live(2 * MINUTE);
    expect((await issueGrant()).keyPairId).toBe(cloudFrontId(rotation.keyPairId));
    const state = await signingKeyRotation(deps, tenantId);
    expect(state).toMatchObject({ state: 'active', keyPairId: rotation.keyPairId });
    expect(state.previousKeyTrustedUntil).toEqual(new Date(cdn.applies[1]!.finishedAt.getTime() + retirementWindowMs(GRANT_SECONDS)));
    expect(state.message).toContain(`The previous key is honoured until ${state.previousKeyTrustedUntil?.toISOString()}`);
  });

  it('leaves signing on the old key when the apply fails, says so without operator detail, and retries when asked again', async () => {
    const { keyPairId: oldKey } = await signingKeyRotation(deps, tenantId);
    cdn.failure = 'Error acquiring the state lock: ConditionalCheckFailedException (s3://ott-state/tenants/x.tfstate)';
    const rotation = await rotateTenantSigningKey(deps, tenantId, { emergency: false });
    await live(13 * MINUTE);
    expect(worker.running?.error).toBeInstanceOf(Error);
    expect((await issueGrant()).keyPairId).toBe(cloudFrontId(oldKey));
    expect(cdnVerdict(await issueGrant())).toBe('ok');
    const stuck = await signingKeyRotation(deps, tenantId);
    expect(stuck).toMatchObject({ state: 'pending', keyPairId: rotation.keyPairId });
    expect(stuck.problem).toContain('Adding the new key to your delivery network failed, so playback keeps using your current key');
    expect(stuck.problem).not.toMatch(/state lock|s3:\/\//);
    // The operator finds the cause on the key row (and in the worker's log).
    const row = await database.db.selectFrom('tenant_signing_keys').select('apply_error').where('key_pair_id', '=', rotation.keyPairId).executeTakeFirstOrThrow();
    expect(row.apply_error).toContain('Error acquiring the state lock');

    cdn.failure = undefined;
    expect(await rotateTenantSigningKey(deps, tenantId, { emergency: false })).toMatchObject({ state: 'pending', keyPairId: rotation.keyPairId });
    await live(13 * MINUTE);
    expect(await signingKeyRotation(deps, tenantId)).toMatchObject({ state: 'active', keyPairId: rotation.keyPairId, problem: null });
  });

  it('refuses a second rotation while one is pending, and while the replaced key is still honoured', async () => {
    await rotateTenantSigningKey(deps, tenantId, { emergency: false });
    await expect(rotateTenantSigningKey(deps, tenantId, { emergency: false })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('A playback key rotation is already under way'),
    });
    await live(13 * MINUTE);
    await expect(rotateTenantSigningKey(deps, tenantId, { emergency: false })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/Your previous playback key is still honoured until .*Rotate again after then, or make an emergency rotation if a key leaked/),
    });
    expect(Object.values(await statuses()).sort()).toEqual(['active', 'previous']);
  });

  it('an emergency rotation removes the leaked key right after the new one signs: only its grants stop, when that apply runs', async () => {
    const { keyPairId: leaked } = await signingKeyRotation(deps, tenantId);
    // Shorter than a grant, so the leaked key's grants are still unexpired when it is removed.
    cdn.applyMs = 5 * MINUTE;
    const { failures, everyMoment } = watchGrants((grant) => grant.keyPairId === cloudFrontId(leaked));
    await live(MINUTE, everyMoment);
    const before = await issueGrant();
    const rotation = await rotateTenantSigningKey(deps, tenantId, { emergency: true });
    expect(rotation).toMatchObject({ state: 'pending', emergency: true });
    expect(rotation.message).toContain('Right after, the old key is removed: when that finishes, links signed with it stop playing');
    await live(4 * MINUTE, everyMoment);
    expect(cdnVerdict(before)).toBe('ok');
    await live(2 * MINUTE, everyMoment);
    expect(cdnVerdict(before)).toBe('unknown-key-pair');
    await live(6 * MINUTE, everyMoment);
    // Grants signed with the new key never failed; the removal did not wait for the leaked key's grants to expire.
    expect(failures).toEqual([]);
    expect(cdn.applies.slice(1).map((apply) => apply.keys)).toEqual([expect.arrayContaining([leaked, rotation.keyPairId]), [rotation.keyPairId]]);
    expect(cdn.applies[2]!.startedAt.getTime() - cdn.applies[1]!.finishedAt.getTime()).toBeLessThan(MINUTE);
    expect(await statuses()).toEqual({ [leaked]: 'retired', [rotation.keyPairId]: 'active' });
  });

  it('turns a rotation under way into an emergency one when the old key turns out to have leaked', async () => {
    const { keyPairId: leaked } = await signingKeyRotation(deps, tenantId);
    const rotation = await rotateTenantSigningKey(deps, tenantId, { emergency: false });
    await live(5 * MINUTE);
    expect(await rotateTenantSigningKey(deps, tenantId, { emergency: true })).toMatchObject({ state: 'pending', keyPairId: rotation.keyPairId, emergency: true });
    // The apply under way still adds the new key beside the old; the one queued behind it removes the old key at once.
    await live(30 * MINUTE);
    expect(cdn.applies.slice(1).map((apply) => apply.keys)).toEqual([expect.arrayContaining([leaked, rotation.keyPairId]), [rotation.keyPairId]]);
    expect(cdn.applies[2]!.startedAt.getTime() - cdn.applies[1]!.finishedAt.getTime()).toBeLessThan(MINUTE);
    expect(await statuses()).toEqual({ [leaked]: 'retired', [rotation.keyPairId]: 'active' });
  });
});

describe('signing key rotation in the local shape', () => {
  it('goes through the same phases, the local edge trusting what each (immediate) apply confirmed', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ott-key-rotation-'));
    try {
      const identity = new LocalIdentityProvider(database.db, deps.secrets, clock, 'http://127.0.0.1:8686');
      deps = { ...deps, provisioner: new LocalProvisioner(dataDir, identity) };
      const edge = new DatabaseTenantDirectory(database.db, 0);
      const edgeVerdict = async (grant: PlaybackGrant) => {
        const tenant = await edge.tenant(tenantId);
        const result = verifySignedAccess(
          { policy: grant.policy, signature: grant.signature, keyPairId: grant.keyPairId },
          { url: resource().replace('*', 'master.m3u8'), now: clock.now(), clientIp: '127.0.0.1', publicKeyFor: (id) => tenant?.publicKeys.get(id) },
        );
        return result.ok ? 'ok' : result.reason;
      };
      await applyTrustedKeys(deps, { id: tenantId, slug: 'local' });
      const old = await issueGrant();
      const rotation = await rotateTenantSigningKey(deps, tenantId, { emergency: false });
      // Phase 1: not trusted before its apply, signing only after it.
      expect((await edge.tenant(tenantId))?.publicKeys.has(rotation.keyPairId)).toBe(false);
      expect((await issueGrant()).keyPairId).toBe(old.keyPairId);
      // The API process picks the switched key up on its next re-read of the key.
      await live(MINUTE);
      expect(await signingKeyRotation(deps, tenantId)).toMatchObject({ state: 'active', keyPairId: rotation.keyPairId });
      expect((await issueGrant()).keyPairId).toBe(rotation.keyPairId);
      expect(await edgeVerdict(old)).toBe('ok');
      // Phase 2: once the old key's grants have expired, the next apply removes it and the edge refuses it.
      await live(retirementWindowMs(GRANT_SECONDS) + MINUTE);
      expect(await statuses()).toEqual({ [old.keyPairId]: 'retired', [rotation.keyPairId]: 'active' });
      expect(await edgeVerdict(old)).toBe('unknown-key-pair');
      expect(await edgeVerdict(await issueGrant())).toBe('ok');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
