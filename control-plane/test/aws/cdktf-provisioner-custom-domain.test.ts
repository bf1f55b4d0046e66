// The provisioner synthesises a tenant's stack with the custom domain as tenant_custom_domains says: the certificate
// from the request on, the alias on the distribution only once the certificate is issued, nothing once it failed.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInfraConfig, synthTenantStack, tenantStackProps } from '@ott/tenant-infra';
import { CdktfProvisioner } from '../../src/adapters/aws/cdktf-provisioner.js';
import { withAwsTables } from '../../src/adapters/aws/aws-tables.js';
import type { StackRunner } from '../../src/adapters/aws/provisioner-task/stack-run.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const { tenants: _none, ...infra } = parseInfraConfig({
  namePrefix: 'ott-test',
  platform: { accountId: '111111111111', region: 'eu-west-1', image: 'x', portalOrigins: ['https://portal.example'] },
  state: { bucket: 'state', region: 'eu-west-1' },
  cells: [
    { id: 'eu-1', accountId: '111111111111', region: 'eu-west-1', email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' } },
  ],
});
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

type Stack = { resource: Record<string, Record<string, Record<string, unknown>> | undefined> };

describe('CdktfProvisioner and custom domains', () => {
  let database: TestDatabase;
  let workDir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    workDir = await mkdtemp(path.join(tmpdir(), 'ott-provisioner-domains-'));
  });
  afterAll(async () => {
    await database?.drop();
    await rm(workDir, { recursive: true, force: true });
  });

  /** Synthesises the stack of a tenant whose domain is in `status`, as the provisioner task would from the request (no terraform here). */
  async function stackWithDomain(status: 'requested' | 'issued' | 'failed'): Promise<Stack> {
    const slug = `t-${randomBytes(3).toString('hex')}`;
    const { id } = await database.db.insertInto('tenants').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow();
    await database.db
      .insertInto('tenant_custom_domains')
      .values({ tenant_id: id, domain_name: `${slug}.video.example`, status, updated_at: new Date() })
      .execute();
    let stackDir = '';
    const synthesiseOnly: StackRunner = {
      run: async (request) => {
        stackDir = synthTenantStack(path.join(workDir, request.tenant.id), tenantStackProps(infra, request.tenant, infra.cells[0]!));
        return { runId: request.runId, ok: false, step: 'init', detail: 'no terraform here' };
      },
    };
    const provisioner = new CdktfProvisioner({ db: withAwsTables(database.db), infra, runner: synthesiseOnly });
    await expect(provisioner.provision({ id, slug, publicKeys: [{ keyPairId: 'KTEST0001', publicKeyPem: pem }] })).rejects.toThrow('no terraform here');
    return JSON.parse(await readFile(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as Stack;
  }
  const distributionOf = (stack: Stack) => Object.values(stack.resource.aws_cloudfront_distribution ?? {})[0];

  it('requests the certificate but keeps the alias off the distribution until it is issued', async () => {
    const stack = await stackWithDomain('requested');
    expect(Object.values(stack.resource.aws_acm_certificate ?? {})).toHaveLength(1);
    expect(distributionOf(stack)?.aliases).toBeUndefined();
  });

  it('attaches the alias and the certificate once issued', async () => {
    const stack = await stackWithDomain('issued');
    expect(distributionOf(stack)?.aliases).toEqual([expect.stringMatching(/\.video\.example$/)]);
    expect(distributionOf(stack)?.viewer_certificate).toMatchObject({ acm_certificate_arn: expect.stringContaining('aws_acm_certificate') });
  });

  it('leaves a failed certificate out, so the apply deletes it', async () => {
    const stack = await stackWithDomain('failed');
    expect(stack.resource.aws_acm_certificate).toBeUndefined();
    expect(distributionOf(stack)?.aliases).toBeUndefined();
  });
});
