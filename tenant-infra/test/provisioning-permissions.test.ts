// Who may touch tenant infrastructure, read from the synthesised policies with a small evaluator of IAM's rules
// (an explicit Deny wins; Action and Resource match with `*` and `?` wildcards): the API never reaches Terraform state
// or the provisioner, the worker may only start the provisioner, the provisioner may only touch tenant state and enter
// the cells' tenant deploy roles, and those roles can do exactly what a tenant stack needs, on tenant names only.
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CELL_QUOTAS } from '../src/cells.js';
import { mediaBucketName } from '../src/naming.js';
import { CellStack } from '../src/stacks/cell-stack.js';
import { PlatformStack } from '../src/stacks/platform-stack.js';
import { TenantStack } from '../src/stacks/tenant-stack.js';
import { tenantStackProps } from '../src/tenant-stack-props.js';
import { OTHER_ACCOUNT, PLATFORM_ACCOUNT, cellEmail, infraConfig, resources, synth, tenant, type Synth } from './fixtures.js';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const matches = (statement: Statement, action: string, resource: string) => list(statement.Action).some((a) => glob(a).test(action)) && list(statement.Resource).some((r) => glob(r).test(resource));
/** IAM's decision for one action on one resource, conditions ignored (they only narrow an Allow). */
const allowed = (statements: Statement[], action: string, resource: string) =>
  statements.some((s) => s.Effect === 'Allow' && matches(s, action, resource)) && !statements.some((s) => s.Effect === 'Deny' && matches(s, action, resource));

function rolePolicy(stack: Synth, roleName: string): Statement[] {
  const roles = resources(stack, 'aws_iam_role');
  const roleId = Object.entries(roles).find(([, role]) => role.name === roleName)?.[0];
  if (!roleId) throw new Error(`no role ${roleName}`);
  const policies = Object.values(resources(stack, 'aws_iam_role_policy')).filter((policy) => policy.role === `\${aws_iam_role.${roleId}.name}`);
  return policies.flatMap((policy) => (JSON.parse(String(policy.policy)) as { Statement: Statement[] }).Statement);
}

const STATE = 'ott-test-state';
const cells = [
  { id: 'eu-1', accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', email: cellEmail(PLATFORM_ACCOUNT, 'eu-west-1'), quotas: DEFAULT_CELL_QUOTAS, open: true },
  {
    id: 'eu-2',
    accountId: OTHER_ACCOUNT,
    region: 'eu-west-1',
    email: cellEmail(OTHER_ACCOUNT, 'eu-west-1'),
    deployRoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/deploy`,
    quotas: DEFAULT_CELL_QUOTAS,
    open: true,
  },
];
const config = infraConfig({ cells });
const platform = synth(new PlatformStack(Testing.app(), 'platform', config));
const cellStack = synth(new CellStack(Testing.app(), 'cell', { cell: cells[1]!, namePrefix: 'ott-test', platform: { accountId: PLATFORM_ACCOUNT, region: 'eu-west-1' }, state: config.state }));
const someTenant = tenant(7, { id: '3f2b8c1e-5d4a-4b6f-9a7e-0c1d2e3f4a5b' });
const tenantStack = synth(new TenantStack(Testing.app(), 'tenant', tenantStackProps(config, someTenant, cells[1]!)));
const stateObject = (key: string) => `arn:aws:s3:::${STATE}/${key}`;

describe('Terraform state and the provisioner', () => {
  const api = () => rolePolicy(platform, 'ott-test-task-control-plane');
  const worker = () => rolePolicy(platform, 'ott-test-task-worker');
  const provisioner = () => rolePolicy(platform, 'ott-test-provisioner');

  it('the API task can neither read nor write any Terraform state, nor start the provisioner', () => {
    for (const key of ['platform/terraform.tfstate', `cells/eu-1/terraform.tfstate`, `tenants/${someTenant.id}/terraform.tfstate`, `tenants/${someTenant.id}/terraform.tfstate.tflock`]) {
      expect(allowed(api(), 's3:GetObject', stateObject(key)), key).toBe(false);
      expect(allowed(api(), 's3:PutObject', stateObject(key)), key).toBe(false);
    }
    expect(allowed(api(), 'ecs:RunTask', `arn:aws:ecs:eu-west-1:${PLATFORM_ACCOUNT}:task-definition/ott-test-provisioner:1`)).toBe(false);
    expect(allowed(api(), 'iam:PassRole', `arn:aws:iam::${PLATFORM_ACCOUNT}:role/ott-test-provisioner`)).toBe(false);
    // It still reaches tenant media, which the same wildcard covers.
    expect(allowed(api(), 's3:GetObject', `arn:aws:s3:::${mediaBucketName('ott-test', someTenant.id)}/t/${someTenant.id}/v/1/master.m3u8`)).toBe(true);
  });

  it('the worker may start only the provisioner task and read only its results, not the state beside them', () => {
    expect(allowed(worker(), 'ecs:RunTask', `arn:aws:ecs:eu-west-1:${PLATFORM_ACCOUNT}:task-definition/ott-test-provisioner:4`)).toBe(true);
    expect(allowed(worker(), 'ecs:RunTask', `arn:aws:ecs:eu-west-1:${PLATFORM_ACCOUNT}:task-definition/ott-test-api:4`)).toBe(false);
    expect(allowed(worker(), 's3:GetObject', stateObject(`provisioner-results/${someTenant.id}/run.json`))).toBe(true);
    expect(allowed(worker(), 's3:GetObject', stateObject(`tenants/${someTenant.id}/terraform.tfstate`))).toBe(false);
    const worker_ = Object.values(resources(platform, 'aws_ecs_task_definition')).find((task) => task.family === 'ott-test-worker');
    const [container] = JSON.parse(String(worker_?.container_definitions)) as { environment: { name: string; value: string }[] }[];
    expect(container?.environment.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['OTT_AWS_PROVISIONER_CLUSTER', 'OTT_AWS_PROVISIONER_TASK_DEFINITION', 'OTT_AWS_PROVISIONER_SUBNETS', 'OTT_AWS_PROVISIONER_SECURITY_GROUPS']),
    );
  });

  it('the provisioner touches tenant state and enters each cell only through its tenant deploy role', () => {
    expect(allowed(provisioner(), 's3:PutObject', stateObject(`tenants/${someTenant.id}/terraform.tfstate.tflock`))).toBe(true);
    expect(allowed(provisioner(), 's3:GetObject', stateObject('platform/terraform.tfstate'))).toBe(false);
    expect(allowed(provisioner(), 'sts:AssumeRole', `arn:aws:iam::${OTHER_ACCOUNT}:role/ott-test-eu-2-tenant-deploy`)).toBe(true);
    expect(allowed(provisioner(), 'sts:AssumeRole', `arn:aws:iam::${OTHER_ACCOUNT}:role/deploy`)).toBe(false);
    expect(allowed(provisioner(), 'cloudfront:CreateDistribution', `arn:aws:cloudfront::${OTHER_ACCOUNT}:distribution/E1`)).toBe(false);
  });
});

describe('what the API and the worker may do in S3, SQS, ACM and KMS', () => {
  const api = () => rolePolicy(platform, 'ott-test-task-control-plane');
  const worker = () => rolePolicy(platform, 'ott-test-task-worker');
  const mediaBucket = `arn:aws:s3:::${mediaBucketName('ott-test', someTenant.id)}`;
  const logObject = `arn:aws:s3:::ott-test-cdn-logs-eu-1-${PLATFORM_ACCOUNT}/cloudfront/${someTenant.id}/E1.2026-12-01-10.abcd1234.gz`;

  it('neither can write or delete in the CDN log bucket or the state bucket (no forged logs or provisioner results)', () => {
    for (const role of [api(), worker()]) {
      for (const object of [logObject, stateObject(`provisioner-results/${someTenant.id}/run.json`), stateObject('anything-else.json')]) {
        for (const action of ['s3:PutObject', 's3:DeleteObject']) expect(allowed(role, action, object), `${action} ${object}`).toBe(false);
      }
    }
    // The log objects stay readable: egress is metered from them.
    expect(allowed(worker(), 's3:GetObject', logObject)).toBe(true);
  });

  it('the worker can make every call the aws adapters make', () => {
    const segment = `${mediaBucket}/t/${someTenant.id}/v/1/720p/seg-00001.m4s`;
    // Storage sampling (ListObjectVersions), segment copies inside the bucket (CopyObject: read the source, write the copy), ranged reads of originals.
    expect(allowed(worker(), 's3:ListBucketVersions', mediaBucket)).toBe(true);
    expect(allowed(worker(), 's3:GetObject', `${mediaBucket}/sources/${someTenant.id}/film/original.mp4`)).toBe(true);
    expect(allowed(worker(), 's3:PutObject', segment)).toBe(true);
    expect(allowed(worker(), 'sqs:ReceiveMessage', `arn:aws:sqs:eu-west-1:${PLATFORM_ACCOUNT}:ott-test-cdn-log-notices-eu-1`)).toBe(true);
    expect(allowed(worker(), 'sqs:DeleteMessage', `arn:aws:sqs:eu-west-1:${PLATFORM_ACCOUNT}:ott-test-cdn-log-notices-eu-1`)).toBe(true);
    expect(allowed(worker(), 'acm:DescribeCertificate', `arn:aws:acm:us-east-1:${PLATFORM_ACCOUNT}:certificate/1234abcd-12ab-34cd-56ef-1234567890ab`)).toBe(true);
    expect(allowed(worker(), 's3:GetObject', stateObject(`provisioner-results/${someTenant.id}/run.json`))).toBe(true);
  });

  it('the worker can decrypt provisioner results written with the state key, named by its ARN', () => {
    const keyArn = `arn:aws:kms:eu-west-1:${PLATFORM_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const withKey = synth(new PlatformStack(Testing.app(), 'platform', infraConfig({ cells, state: { bucket: STATE, region: 'eu-west-1', kmsKeyId: keyArn } })));
    expect(allowed(rolePolicy(withKey, 'ott-test-task-worker'), 'kms:Decrypt', keyArn)).toBe(true);
    expect(allowed(rolePolicy(withKey, 'ott-test-task-control-plane'), 'kms:Decrypt', keyArn)).toBe(false);
    expect(allowed(rolePolicy(withKey, 'ott-test-provisioner'), 'kms:GenerateDataKey', keyArn)).toBe(true);
  });

  it('refuses a state key given by id or alias, which no IAM statement can name', () => {
    for (const kmsKeyId of ['1234abcd-12ab-34cd-56ef-1234567890ab', 'alias/ott-state', `arn:aws:kms:eu-west-1:${PLATFORM_ACCOUNT}:alias/ott-state`]) {
      expect(() => infraConfig({ cells, state: { bucket: STATE, region: 'eu-west-1', kmsKeyId } }), kmsKeyId).toThrow(/state\.kmsKeyId: must be the KMS key's ARN/);
    }
  });
});

describe("a cell's tenant deploy role", () => {
  const deploy = () => rolePolicy(cellStack, 'ott-test-eu-2-tenant-deploy');
  const bucketArn = `arn:aws:s3:::${mediaBucketName('ott-test', someTenant.id)}`;
  const mediaConvertRole = Object.values(resources(tenantStack, 'aws_iam_role'))[0];

  it('names no action with a bare wildcard', () => {
    for (const statement of deploy()) for (const action of list(statement.Action)) expect(action, action).not.toMatch(/(^\*$|:\*$)/);
  });

  it("reaches the tenant stack's bucket and MediaConvert role by name, and nothing else of the account's", () => {
    expect(allowed(deploy(), 's3:CreateBucket', bucketArn)).toBe(true);
    expect(allowed(deploy(), 's3:PutBucketPolicy', bucketArn)).toBe(true);
    expect(allowed(deploy(), 's3:PutBucketPolicy', `arn:aws:s3:::ott-test-cdn-logs-eu-2-${OTHER_ACCOUNT}`)).toBe(false);
    expect(allowed(deploy(), 's3:PutBucketPolicy', `arn:aws:s3:::${STATE}`)).toBe(false);
    expect(allowed(deploy(), 'iam:CreateRole', `arn:aws:iam::${OTHER_ACCOUNT}:role/${String(mediaConvertRole?.name)}`)).toBe(true);
    expect(allowed(deploy(), 'iam:CreateRole', `arn:aws:iam::${OTHER_ACCOUNT}:role/ott-test-eu-2-tenant-deploy`)).toBe(false);
    expect(allowed(deploy(), 'iam:PutRolePolicy', `arn:aws:iam::${OTHER_ACCOUNT}:role/ott-test-control-plane`)).toBe(false);
  });

  it('creates only roles that carry the cell boundary, which the tenant stack sets', () => {
    const create = deploy().find((statement) => list(statement.Action).includes('iam:CreateRole'));
    const boundary = `arn:aws:iam::${OTHER_ACCOUNT}:policy/ott-test-eu-2-mediaconvert-boundary`;
    expect(create?.Condition).toEqual({ StringEquals: { 'iam:PermissionsBoundary': boundary } });
    expect(mediaConvertRole?.permissions_boundary).toBe(boundary);
    expect(Object.values(resources(cellStack, 'aws_iam_policy')).map((policy) => policy.name)).toContain('ott-test-eu-2-mediaconvert-boundary');
  });

  it("is trusted by the platform account's provisioner role alone", () => {
    const role = Object.values(resources(cellStack, 'aws_iam_role')).find((candidate) => candidate.name === 'ott-test-eu-2-tenant-deploy');
    expect(JSON.parse(String(role?.assume_role_policy))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PLATFORM_ACCOUNT}:root` },
          Action: 'sts:AssumeRole',
          Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${PLATFORM_ACCOUNT}:role/ott-test-provisioner` } },
        },
      ],
    });
  });
});
