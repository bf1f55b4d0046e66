// A tenant's custom delivery domain from request to active, driven the way the worker drives it: the stack applies
// (a provisioner that reports what tenant-infra's outputs would), ACM reports the certificate (states as
// DescribeCertificate gives them), DNS answers (an injected resolver). Playback moves to the domain only once it
// resolves to the distribution, and back when it stops.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/crypto/secret-box.js';
import type { DomainDeps } from '../../src/domain/deps.js';
import { reapplyTrustedKeys } from '../../src/domain/playback/apply-trusted-keys.js';
import { ensureTenantSigningKey } from '../../src/domain/playback/signing-keys.js';
import { applyCustomDomain, checkCustomDomain, checkCustomDomains } from '../../src/domain/tenants/custom-domain-progress.js';
import { getCustomDomain, removeCustomDomain, requestCustomDomain } from '../../src/domain/tenants/custom-domain.js';
import type { CertificateState, DnsResolver, JobPayload, TenantProvisioner } from '../../src/ports.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const DOMAIN = 'video.acme.example';
const DISTRIBUTION = 'd111111abcdef8.cloudfront.net';
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012';
const VALIDATION = { name: '_3639ac514e785e898d2646601fa951d5.video.acme.example.', type: 'CNAME', value: '_98d2646601fa951d53639ac514e785e8.acm-validations.aws.' };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** The world outside: what each apply was asked for, ACM's answer, DNS's answers. */
class World {
  readonly queued: JobPayload[] = [];
  readonly applies: { domainName: string; attach: boolean }[] = [];
  certificate: CertificateState = { status: 'pending' };
  cnames: Record<string, string[]> = {};
  addresses: Record<string, string[]> = {};
  dnsDown = false;

  readonly dns: DnsResolver = {
    resolveCname: async (host) => this.answer(this.cnames[host]),
    resolveAddresses: async (host) => this.answer(this.addresses[host]),
  };

  private answer(records: string[] | undefined): string[] {
    if (this.dnsDown) throw Object.assign(new Error('queryCname ETIMEOUT'), { code: 'ETIMEOUT' });
    return records ?? [];
  }
}

async function activeTenant(db: DomainDeps['db']): Promise<string> {
  const slug = `t-${randomBytes(4).toString('hex')}`;
  const { id } = await db.insertInto('tenants').values({ slug, name: slug, status: 'active', delivery_domain: DISTRIBUTION }).returning('id').executeTakeFirstOrThrow();
  return id;
}

function depsFor(world: World, options: { customDomains?: boolean } = {}) {
  const db = database.db;
  // As CdktfProvisioner does: the stack carries the domain (attached once issued) and its outputs come back.
  const provisioner: TenantProvisioner = {
    provision: async (tenant) => {
      const row = await db.selectFrom('tenant_custom_domains').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirst();
      const inStack = row && row.status !== 'failed' ? { domainName: row.domain_name, attach: row.status === 'issued' || row.status === 'active' } : undefined;
      if (inStack) world.applies.push(inStack);
      return {
        storagePrefix: `t/${tenant.id}/`,
        viewerPoolId: 'pool',
        cdnKeyIds: Object.fromEntries(tenant.publicKeys.map((key) => [key.keyPairId, 'KCF'])),
        deliveryDomain: DISTRIBUTION,
        ...(inStack ? { customDomain: { certificateArn: CERTIFICATE_ARN, validationRecords: [VALIDATION], attached: inStack.attach } } : {}),
      };
    },
    deprovision: async () => {},
  };
  return {
    db,
    secrets: new SecretBox(randomBytes(32)),
    clock: { now: () => new Date('2026-12-06T12:00:00Z') },
    queue: { enqueue: async (job: JobPayload) => void world.queued.push(job) },
    provisioner,
    // The apply goes through applyTrustedKeys, as a key rotation's does: it drops cached signatures afterwards.
    signer: { sign: () => Promise.reject(new Error('no signing in these tests')), forget: () => {} },
    playback: { grantSeconds: 3600 },
    ...(options.customDomains === false ? {} : { customDomains: { certificates: { describe: async () => world.certificate }, dns: world.dns } }),
  } satisfies Partial<DomainDeps>;
}

const deliveryDomainOf = async (tenantId: string) => (await database.db.selectFrom('tenants').select('delivery_domain').where('id', '=', tenantId).executeTakeFirstOrThrow()).delivery_domain;
const viewOf = async (deps: ReturnType<typeof depsFor>, tenantId: string) => {
  const answer = await getCustomDomain(deps, tenantId);
  if (!answer.available) throw new Error(answer.reason);
  return answer.domain;
};

describe('custom delivery domain lifecycle', () => {
  let world: World;
  let deps: ReturnType<typeof depsFor>;
  let tenantId: string;
  beforeEach(async () => {
    world = new World();
    deps = depsFor(world);
    // Every test claims the same name, which one workspace at a time may hold.
    await deps.db.deleteFrom('tenant_custom_domains').execute();
    tenantId = await activeTenant(deps.db);
  });

  it('goes requested → awaiting-dns-validation → issued → active, attaching the alias only after issue and switching playback only once DNS points at the distribution', async () => {
    const requested = await requestCustomDomain(deps, tenantId, '  Video.Acme.Example. ');
    expect(requested).toMatchObject({ domainName: DOMAIN, status: 'requested', records: [] });
    expect(world.queued).toEqual([{ type: 'apply-custom-domain', tenantId }]);

    // First apply: the certificate is requested, the distribution keeps its own host.
    await applyCustomDomain(deps, tenantId, { isLast: false });
    expect(world.applies).toEqual([{ domainName: DOMAIN, attach: false }]);
    expect(await viewOf(deps, tenantId)).toMatchObject({
      status: 'awaiting-dns-validation',
      records: [{ purpose: 'certificate', type: 'CNAME', name: VALIDATION.name, value: VALIDATION.value }],
    });

    // ACM has not seen the record yet.
    await checkCustomDomain(deps, tenantId);
    expect((await viewOf(deps, tenantId))?.status).toBe('awaiting-dns-validation');

    world.certificate = { status: 'issued' };
    await checkCustomDomain(deps, tenantId);
    expect((await viewOf(deps, tenantId))?.status).toBe('issued');
    expect(world.queued.at(-1)).toEqual({ type: 'apply-custom-domain', tenantId });
    expect(await deliveryDomainOf(tenantId)).toBe(DISTRIBUTION);

    // Second apply: alias and certificate on the distribution; the tenant now sees the delivery CNAME to create.
    await applyCustomDomain(deps, tenantId, { isLast: false });
    expect(world.applies.at(-1)).toEqual({ domainName: DOMAIN, attach: true });
    const issued = await viewOf(deps, tenantId);
    expect(issued?.records).toContainEqual({ purpose: 'delivery', type: 'CNAME', name: DOMAIN, value: DISTRIBUTION });

    // DNS not pointing yet: still issued, playback stays on the distribution, the tenant is told what is missing.
    await checkCustomDomain(deps, tenantId);
    expect(await viewOf(deps, tenantId)).toMatchObject({ status: 'issued', problem: expect.stringContaining(`does not point at ${DISTRIBUTION} yet`) });
    expect(await deliveryDomainOf(tenantId)).toBe(DISTRIBUTION);

    world.cnames[DOMAIN] = [`${DISTRIBUTION.toUpperCase()}.`];
    await checkCustomDomain(deps, tenantId);
    expect(await viewOf(deps, tenantId)).toMatchObject({ status: 'active', problem: null, checkedAt: '2026-12-06T12:00:00.000Z' });
    expect(await deliveryDomainOf(tenantId)).toBe(DOMAIN);
  });

  it('accepts a flattened CNAME (ALIAS record): the domain shares the distribution’s addresses', async () => {
    await driveToIssued(deps, tenantId, world);
    world.addresses[DOMAIN] = ['18.66.2.10'];
    world.addresses[DISTRIBUTION] = ['18.66.2.10', '18.66.2.11'];
    await checkCustomDomain(deps, tenantId);
    expect(await deliveryDomainOf(tenantId)).toBe(DOMAIN);
  });

  it('moves playback back to the distribution when the domain stops pointing at it, and forward again when it returns', async () => {
    await driveToIssued(deps, tenantId, world);
    world.cnames[DOMAIN] = [DISTRIBUTION];
    await checkCustomDomain(deps, tenantId);
    expect(await deliveryDomainOf(tenantId)).toBe(DOMAIN);

    world.cnames[DOMAIN] = ['elsewhere.example.net'];
    await checkCustomDomains(deps);
    expect(await viewOf(deps, tenantId)).toMatchObject({ status: 'issued', problem: expect.stringContaining('no longer points at') });
    expect(await deliveryDomainOf(tenantId)).toBe(DISTRIBUTION);

    world.cnames[DOMAIN] = [DISTRIBUTION];
    await checkCustomDomains(deps);
    expect(await deliveryDomainOf(tenantId)).toBe(DOMAIN);
  });

  it('keeps an active domain when DNS cannot be reached: a timeout is not an answer', async () => {
    await driveToIssued(deps, tenantId, world);
    world.cnames[DOMAIN] = [DISTRIBUTION];
    await checkCustomDomain(deps, tenantId);
    world.dnsDown = true;
    await checkCustomDomain(deps, tenantId);
    expect(await viewOf(deps, tenantId)).toMatchObject({ status: 'active', problem: expect.stringContaining('could not look up') });
    expect(await deliveryDomainOf(tenantId)).toBe(DOMAIN);
  });

  it('puts the custom domain back after a re-apply wrote the distribution host over it', async () => {
    await driveToIssued(deps, tenantId, world);
    world.cnames[DOMAIN] = [DISTRIBUTION];
    await checkCustomDomain(deps, tenantId);
    await deps.db.updateTable('tenants').set({ delivery_domain: DISTRIBUTION }).where('id', '=', tenantId).execute();
    await checkCustomDomains(deps);
    expect(await deliveryDomainOf(tenantId)).toBe(DOMAIN);
  });

  it('keeps playback on an active domain through a key-rotation re-apply and a re-apply for the domain', async () => {
    await driveToIssued(deps, tenantId, world);
    world.cnames[DOMAIN] = [DISTRIBUTION];
    await checkCustomDomain(deps, tenantId);
    await ensureTenantSigningKey(deps, tenantId);
    await reapplyTrustedKeys(deps, tenantId);
    expect(await deliveryDomainOf(tenantId)).toBe(DOMAIN);
    await applyCustomDomain(deps, tenantId, { isLast: false });
    expect(await deliveryDomainOf(tenantId)).toBe(DOMAIN);
  });

  it('fails with a reason the tenant can act on, removes the failed certificate, then lets the tenant ask again', async () => {
    await requestCustomDomain(deps, tenantId, DOMAIN);
    await applyCustomDomain(deps, tenantId, { isLast: false });
    world.certificate = { status: 'failed', failureCode: 'CAA_ERROR' };
    await checkCustomDomain(deps, tenantId);
    const failed = await viewOf(deps, tenantId);
    expect(failed).toMatchObject({ status: 'failed', records: [] });
    expect(failed?.problem).toMatch(/CAA records of video\.acme\.example do not allow Amazon/);
    expect(failed?.problem).not.toMatch(/arn:|terraform|\//i);
    expect(world.queued.at(-1)).toEqual({ type: 'apply-custom-domain', tenantId });

    // Until the apply has deleted the failed certificate, a new request would reuse it.
    await expect(requestCustomDomain(deps, tenantId, DOMAIN)).rejects.toThrow(/still being removed/);
    const before = world.applies.length;
    await applyCustomDomain(deps, tenantId, { isLast: false });
    expect(world.applies.length).toBe(before);
    expect((await requestCustomDomain(deps, tenantId, DOMAIN)).status).toBe('requested');
  });

  it('explains an ACM validation timeout (72 hours without the record)', async () => {
    await requestCustomDomain(deps, tenantId, DOMAIN);
    await applyCustomDomain(deps, tenantId, { isLast: false });
    world.certificate = { status: 'failed', failureCode: 'VALIDATION_TIMED_OUT' };
    await checkCustomDomain(deps, tenantId);
    expect((await viewOf(deps, tenantId))?.problem).toMatch(/within 72 hours/);
  });

  it('removal moves playback back to the distribution at once and re-applies without the domain', async () => {
    await driveToIssued(deps, tenantId, world);
    world.cnames[DOMAIN] = [DISTRIBUTION];
    await checkCustomDomain(deps, tenantId);
    await removeCustomDomain(deps, tenantId);
    expect(await deliveryDomainOf(tenantId)).toBe(DISTRIBUTION);
    expect(await viewOf(deps, tenantId)).toBeNull();
    expect(world.queued.at(-1)).toEqual({ type: 'apply-custom-domain', tenantId });
  });

  it('asking again for the same domain changes nothing; another domain needs the first removed', async () => {
    await requestCustomDomain(deps, tenantId, DOMAIN);
    await applyCustomDomain(deps, tenantId, { isLast: false });
    expect((await requestCustomDomain(deps, tenantId, DOMAIN)).status).toBe('awaiting-dns-validation');
    await expect(requestCustomDomain(deps, tenantId, 'media.acme.example')).rejects.toThrow(/Remove video\.acme\.example first/);
  });

  it('lets other workspaces claim a name until one proves it: the first certificate issued takes it, the other claims fail saying why', async () => {
    const claimant = await activeTenant(deps.db);
    // Asking proves nothing: a claim made first must not lock the owner out.
    await requestCustomDomain(deps, claimant, DOMAIN);
    expect((await requestCustomDomain(deps, tenantId, DOMAIN)).status).toBe('requested');
    await applyCustomDomain(deps, claimant, { isLast: false });
    await applyCustomDomain(deps, tenantId, { isLast: false });

    world.certificate = { status: 'issued' };
    await checkCustomDomain(deps, tenantId);
    expect((await viewOf(deps, tenantId))?.status).toBe('issued');
    const lost = await viewOf(deps, claimant);
    expect(lost).toMatchObject({ status: 'failed', records: [], problem: `${DOMAIN} is already used by another workspace. If the domain is yours, contact support.` });
    // Its certificate leaves its stack, as any failed one does.
    expect(world.queued).toContainEqual({ type: 'apply-custom-domain', tenantId: claimant });
  });

  it('fails a claim whose certificate is issued while another workspace holds the name, which keeps it', async () => {
    await driveToIssued(deps, tenantId, world);
    world.cnames[DOMAIN] = [DISTRIBUTION];
    await checkCustomDomain(deps, tenantId);
    const late = await activeTenant(deps.db);
    await requestCustomDomain(deps, late, DOMAIN);
    await applyCustomDomain(deps, late, { isLast: false });
    await checkCustomDomain(deps, late);
    expect(await viewOf(deps, late)).toMatchObject({ status: 'failed', problem: expect.stringContaining('already used by another workspace') });
    expect(world.queued.at(-1)).toEqual({ type: 'apply-custom-domain', tenantId: late });
    expect((await viewOf(deps, tenantId))?.status).toBe('active');
    expect(await deliveryDomainOf(tenantId)).toBe(DOMAIN);
  });

  it("does not let another workspace's failed claim keep the name from its owner", async () => {
    const claimant = await activeTenant(deps.db);
    await requestCustomDomain(deps, claimant, DOMAIN);
    await applyCustomDomain(deps, claimant, { isLast: false });
    world.certificate = { status: 'failed', failureCode: 'VALIDATION_TIMED_OUT' };
    await checkCustomDomain(deps, claimant);
    expect((await viewOf(deps, claimant))?.status).toBe('failed');

    await driveToIssued(deps, tenantId, world);
    expect((await viewOf(deps, tenantId))?.status).toBe('issued');
  });

  it('refuses names that cannot be a delivery domain, saying what to write instead', async () => {
    await expect(requestCustomDomain(deps, tenantId, 'https://video.acme.example/')).rejects.toThrow(/host name only/);
    await expect(requestCustomDomain(deps, tenantId, 'acme.example')).rejects.toThrow(/use a subdomain such as video\.acme\.example/);
    await expect(requestCustomDomain(deps, tenantId, 'd111.cloudfront.net')).rejects.toThrow(/not a domain you own/);
    await expect(requestCustomDomain(deps, tenantId, '*.acme.example')).rejects.toThrow(/wildcard/);
  });

  it('tells the tenant when a failed apply is final, without operator detail', async () => {
    await requestCustomDomain(deps, tenantId, DOMAIN);
    const broken = { ...deps, provisioner: { provision: () => Promise.reject(new Error('terraform apply failed in /var/ott/infra/x: AccessDenied')), deprovision: async () => {} } };
    await expect(applyCustomDomain(broken, tenantId, { isLast: true })).rejects.toThrow(/AccessDenied/);
    const view = await viewOf(deps, tenantId);
    expect(view?.status).toBe('failed');
    expect(view?.problem).toMatch(/failed on our side/);
    expect(view?.problem).not.toMatch(/terraform|AccessDenied|\/var/);
  });

  it('is not available where tenants have no CDN of their own (the local shape), and says so', async () => {
    const local = depsFor(world, { customDomains: false });
    expect(await getCustomDomain(local, tenantId)).toEqual({ available: false, reason: expect.stringContaining('available on the cloud platform') });
    await expect(requestCustomDomain(local, tenantId, DOMAIN)).rejects.toThrow(/available on the cloud platform/);
  });
});

async function driveToIssued(deps: ReturnType<typeof depsFor>, tenantId: string, world: World): Promise<void> {
  await requestCustomDomain(deps, tenantId, DOMAIN);
  await applyCustomDomain(deps, tenantId, { isLast: false });
  world.certificate = { status: 'issued' };
  await checkCustomDomain(deps, tenantId);
  await applyCustomDomain(deps, tenantId, { isLast: false });
}
