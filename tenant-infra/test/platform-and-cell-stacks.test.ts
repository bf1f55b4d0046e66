import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CELL_QUOTAS } from '../src/cells.js';
import { CONTROL_PLANE_SECRET_KEYS, STRIPE_SECRET_KEYS } from '../src/constructs/control-plane-service.js';
import { PLAYLIST_TTL, SEGMENT_TTL } from '../src/constructs/hls-cache-policies.js';
import { CellStack } from '../src/stacks/cell-stack.js';
import { PlatformStack } from '../src/stacks/platform-stack.js';
import { OTHER_ACCOUNT, PLATFORM_ACCOUNT, cellEmail, infraConfig, only, ref, resources, synth } from './fixtures.js';

type Json = Record<string, unknown>;
const foreignCell = {
  id: 'eu-2',
  accountId: OTHER_ACCOUNT,
  region: 'eu-west-1',
  deployRoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/deploy`,
  quotas: DEFAULT_CELL_QUOTAS,
  open: true,
  email: cellEmail(OTHER_ACCOUNT, 'eu-west-1'),
};
const config = infraConfig({
  cells: [{ id: 'eu-1', accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', quotas: DEFAULT_CELL_QUOTAS, open: true, email: cellEmail(PLATFORM_ACCOUNT, 'eu-west-1') }, foreignCell],
});

describe('PlatformStack', () => {
  const stack = synth(new PlatformStack(Testing.app(), 'platform', config));

  it('runs PostgreSQL encrypted, private, Multi-AZ, with an RDS-managed password', () => {
    expect(only(stack, 'aws_db_instance')).toMatchObject({
      engine: 'postgres',
      storage_encrypted: true,
      publicly_accessible: false,
      multi_az: true,
      manage_master_user_password: true,
      deletion_protection: true,
    });
  });

  it("routes MediaConvert job state changes of this deployment to the worker's SQS queue", () => {
    const rule = only(stack, 'aws_cloudwatch_event_rule');
    expect(JSON.parse(String(rule.event_pattern))).toEqual({
      source: ['aws.mediaconvert'],
      'detail-type': ['MediaConvert Job State Change'],
      detail: { status: ['PROGRESSING', 'STATUS_UPDATE', 'COMPLETE', 'ERROR', 'CANCELED'], userMetadata: { 'ott-deployment': ['ott-test'] } },
    });
    const queues = resources(stack, 'aws_sqs_queue');
    const main = Object.entries(queues).find(([id]) => id.includes('queue') && !id.includes('dead'));
    expect(main?.[1].name).toBe('ott-test-transcode-events');
    expect(String(main?.[1].redrive_policy)).toContain('maxReceiveCount');
    const target = only(stack, 'aws_cloudwatch_event_target');
    expect(String(target.arn)).toContain('aws_sqs_queue');
    const policy = JSON.parse(String(only(stack, 'aws_sqs_queue_policy').policy)) as { Statement: Json[] };
    expect(policy.Statement[0]).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': ref(stack, 'aws_cloudwatch_event_rule', 'arn') } },
    });
  });

  it("lets the other cells' accounts forward MediaConvert events to its bus", () => {
    const busPolicy = JSON.parse(String(only(stack, 'aws_cloudwatch_event_bus_policy').policy)) as { Statement: Json[] };
    expect(busPolicy.Statement[0]?.Principal).toEqual({ AWS: [`arn:aws:iam::${OTHER_ACCOUNT}:root`] });
  });

  it('runs the API behind a load balancer and the worker on Fargate, configured for OTT_CLOUD=aws, secrets from Secrets Manager', () => {
    const services = Object.values(resources(stack, 'aws_ecs_service'));
    expect(services.map((service) => service.name).sort()).toEqual(['api', 'worker']);
    expect(services.every((service) => service.launch_type === 'FARGATE')).toBe(true);
    const api = Object.values(resources(stack, 'aws_ecs_task_definition')).find((task) => task.family === 'ott-test-api');
    const [container] = JSON.parse(String(api?.container_definitions)) as { environment: { name: string; value: string }[]; secrets: { name: string }[] }[];
    const environment = Object.fromEntries(container?.environment.map((entry) => [entry.name, entry.value]) ?? []);
    expect(environment).toMatchObject({ OTT_CLOUD: 'aws', OTT_AWS_REGION: 'eu-west-1', OTT_AWS_NAME_PREFIX: 'ott-test' });
    // Behind the load balancer, the client address comes from X-Forwarded-For as the balancer's nodes (in the VPC) write it.
    expect(environment.OTT_TRUSTED_PROXIES).toBe(ref(stack, 'aws_vpc', 'cidr_block'));
    expect(JSON.parse(environment.OTT_AWS_INFRA_CONFIG ?? '{}')).not.toHaveProperty('tenants');
    expect(container?.secrets.map((secret) => secret.name)).toEqual([...CONTROL_PLANE_SECRET_KEYS, ...STRIPE_SECRET_KEYS]);
    expect(JSON.stringify(container?.environment)).not.toMatch(/OTT_MASTER_KEY|OTT_AUTH_SECRET|OTT_OPERATOR_TOKEN|STRIPE_|DATABASE_URL/);
    expect(only(stack, 'aws_lb').load_balancer_type).toBe('application');
  });

  it("has the API listen where the load balancer's health check reaches it: every interface of the task, at the target group's port", () => {
    const api = Object.values(resources(stack, 'aws_ecs_task_definition')).find((task) => task.family === 'ott-test-api');
    const [container] = JSON.parse(String(api?.container_definitions)) as { environment: { name: string; value: string }[]; portMappings: { containerPort: number }[] }[];
    const environment = Object.fromEntries(container?.environment.map((entry) => [entry.name, entry.value]) ?? []);
    const targets = only(stack, 'aws_lb_target_group');
    expect(environment.OTT_API_HOST).toBe('0.0.0.0');
    expect(Number(environment.OTT_API_PORT)).toBe(targets.port);
    expect(container?.portMappings.map((mapping) => mapping.containerPort)).toEqual([targets.port]);
    expect(targets.health_check).toMatchObject({ path: '/healthz', matcher: '200' });
    const worker = Object.values(resources(stack, 'aws_ecs_task_definition')).find((task) => task.family === 'ott-test-worker');
    expect(String(worker?.container_definitions)).not.toContain('OTT_API_HOST');
  });

  it("gives the control plane a role that may assume the cells' control-plane roles and read its events queue", () => {
    const policies = Object.values(resources(stack, 'aws_iam_role_policy')).map((policy) => JSON.parse(String(policy.policy)) as { Statement: Json[] });
    const task = policies.find((policy) => policy.Statement.some((statement) => statement.Sid === 'EnterCells'));
    expect(task?.Statement.find((statement) => statement.Sid === 'EnterCells')?.Resource).toEqual([`arn:aws:iam::${OTHER_ACCOUNT}:role/ott-test-control-plane`]);
    expect(task?.Statement.some((statement) => statement.Sid === 'TranscodeEvents')).toBe(true);
  });

  it('keeps its state under platform/ with locking', () => {
    expect(stack.terraform.backend).toMatchObject({ s3: { key: 'platform/terraform.tfstate', use_lockfile: true } });
  });
});

describe('CellStack', () => {
  const home = synth(new CellStack(Testing.app(), 'cell', { cell: config.cells[0]!, namePrefix: 'ott-test', platform: config.platform, state: config.state }));
  const foreign = synth(new CellStack(Testing.app(), 'cell', { cell: foreignCell, namePrefix: 'ott-test', platform: config.platform, state: config.state }));

  it('holds one shared on-demand MediaConvert queue and the two HLS cache policies', () => {
    // Concurrency set explicitly: the cell's share of the account's MediaConvert capacity, not whatever the default is.
    expect(only(home, 'aws_media_convert_queue')).toMatchObject({ name: 'ott-test-eu-1', pricing_plan: 'ON_DEMAND', status: 'ACTIVE', concurrent_jobs: 20 });
    const policies = Object.values(resources(home, 'aws_cloudfront_cache_policy'));
    expect(policies.find((policy) => policy.name === 'ott-test-hls-playlists')).toMatchObject({ default_ttl: PLAYLIST_TTL.default, max_ttl: PLAYLIST_TTL.max });
    expect(policies.find((policy) => policy.name === 'ott-test-hls-segments')).toMatchObject({ default_ttl: SEGMENT_TTL.default, max_ttl: SEGMENT_TTL.max });
  });

  it('has a private log bucket that CloudFront can deliver standard logs to', () => {
    expect(only(home, 'aws_s3_bucket').bucket).toBe('ott-test-cdn-logs-eu-1-111111111111');
    expect(only(home, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, restrict_public_buckets: true });
    expect(only(home, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerPreferred' });
  });

  it("forwards events and admits the control plane only when it is outside the platform's account", () => {
    expect(resources(home, 'aws_cloudwatch_event_rule')).toEqual({});
    expect(String(only(foreign, 'aws_cloudwatch_event_target').arn)).toBe(`arn:aws:events:eu-west-1:${PLATFORM_ACCOUNT}:event-bus/default`);
    const role = Object.values(resources(foreign, 'aws_iam_role')).find((candidate) => candidate.name === 'ott-test-control-plane');
    const trust = JSON.parse(String(role?.assume_role_policy)) as { Statement: Json[] };
    expect(trust.Statement[0]).toMatchObject({
      Principal: { AWS: `arn:aws:iam::${PLATFORM_ACCOUNT}:root` },
      Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${PLATFORM_ACCOUNT}:role/ott-test-task-*` } },
    });
    const provider = (foreign as unknown as { provider: { aws: Json[] } }).provider.aws[0];
    expect(provider?.assume_role).toEqual([{ role_arn: foreignCell.deployRoleArn, session_name: 'ott-cloud-terraform' }]);
  });
});
