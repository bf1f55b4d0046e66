import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CellFullError, parseInfraConfig } from '@ott/tenant-infra';
import { CdktfProvisioner, ProvisioningBlockedError } from '../../src/adapters/aws/cdktf-provisioner.js';
import { withAwsTables, type AwsDb } from '../../src/adapters/aws/aws-tables.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const { tenants: _none, ...infra } = parseInfraConfig({
  namePrefix: 'ott-test',
  platform: { accountId: '111111111111', region: 'eu-west-1', image: 'x', portalOrigins: ['https://portal.example'] },
  state: { bucket: 'state', region: 'eu-west-1' },
  cells: [{ id: 'eu-1', accountId: '111111111111', region: 'eu-west-1', quotas: { keyGroups: 2 } }],
});
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('CdktfProvisioner', () => {
  let database: TestDatabase;
  let db: AwsDb;
  let workDir: string;
  const tenant = async () => {
    const slug = `t-${randomBytes(3).toString('hex')}`;
    const { id } = await database.db.insertInto('tenants').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow();
    const keyPairId = `K${randomBytes(6).toString('hex').toUpperCase()}`;
    return { id, slug, keyPairId, publicKeys: [{ keyPairId, publicKeyPem: pem }] };
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    db = withAwsTables(database.db);
    workDir = await mkdtemp(path.join(tmpdir(), 'ott-provisioner-'));
  });
  afterAll(async () => {
    await database?.drop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('places and synthesises the tenant, then says clearly that it cannot apply without terraform, keeping the stack', async () => {
    const provisioner = new CdktfProvisioner({ db, infra, workDir, terraformPath: path.join(workDir, 'no-terraform'), hasCredentials: true });
    const t = await tenant();
    const attempt = provisioner.provision(t);
    await expect(attempt).rejects.toThrow(ProvisioningBlockedError);
    await expect(attempt).rejects.toThrow(/cannot be applied here: no terraform binary .*The stack is kept at .*terraform init && terraform apply/);
    const row = await db.selectFrom('tenant_cloud_placements').selectAll().where('tenant_id', '=', t.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ cell_id: 'eu-1', status: 'blocked' });
    expect(existsSync(path.join(row.stack_dir ?? '', 'cdk.tf.json'))).toBe(true);
  });

  it('applies with terraform when present and records the outputs the aws adapters read', async () => {
    const t = await tenant();
    const fake = path.join(workDir, 'terraform');
    const outputs = {
      media_bucket_name: 'b',
      distribution_id: 'E1',
      distribution_domain_name: 'd1.cloudfront.net',
      delivery_domain: 'd1.cloudfront.net',
      key_group_id: 'kg',
      cloudfront_key_ids: JSON.stringify({ [t.keyPairId]: 'K2CLOUDFRONT' }),
      viewer_pool_id: 'eu-west-1_pool',
      viewer_pool_client_id: 'client',
      viewer_pool_domain: 'dom',
      mediaconvert_role_arn: 'arn:aws:iam::111111111111:role/r',
    };
    const json = JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value, type: 'string', sensitive: false }])));
    await writeFile(fake, `#!/bin/sh\necho "$@" >> "${workDir}/calls.log"\nif [ "$1" = output ]; then echo '${json}'; fi\n`);
    await chmod(fake, 0o755);
    const resources = await new CdktfProvisioner({ db, infra, workDir, terraformPath: fake, hasCredentials: true }).provision(t);
    expect(resources).toEqual({ storagePrefix: `t/${t.id}/`, viewerPoolId: 'eu-west-1_pool', cdnKeyIds: { [t.keyPairId]: 'K2CLOUDFRONT' }, deliveryDomain: 'd1.cloudfront.net' });
    expect(await db.selectFrom('tenant_cloud_placements').select(['status', 'delivery_domain', 'cloudfront_key_ids']).where('tenant_id', '=', t.id).executeTakeFirst()).toEqual({
      status: 'applied',
      delivery_domain: 'd1.cloudfront.net',
      cloudfront_key_ids: { [t.keyPairId]: 'K2CLOUDFRONT' },
    });
  });

  it('refuses a tenant when the cell is full', async () => {
    const provisioner = new CdktfProvisioner({ db, infra, workDir, terraformPath: 'missing', hasCredentials: false });
    await expect(provisioner.provision(await tenant())).rejects.toThrow(CellFullError);
  });
});
