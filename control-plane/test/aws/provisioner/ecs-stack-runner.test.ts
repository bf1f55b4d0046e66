// EcsStackRunner through the real @aws-sdk/client-ecs against a small ECS fake at the HTTP boundary (JSON 1.1,
// X-Amz-Target AmazonEC2ContainerServiceV20141113.*). Its answers follow the ECS API Reference's RunTask and
// DescribeTasks response syntax; the capacity failure is the reason AWS documents for Fargate
// (https://repost.aws/knowledge-center/ecs-fargate-runtask-capacity).
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ECSClient } from '@aws-sdk/client-ecs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EcsStackRunner } from '../../../src/adapters/aws/provisioner-task/ecs-stack-runner.js';
import { ALLOWED_ORIGINS_MAX_JSON_LENGTH } from '../../../src/domain/tenants/tenant-settings.js';
import { StackRunUnavailableError, type StackRunRequest } from '../../../src/adapters/aws/provisioner-task/stack-run.js';
import { EMULATOR_CREDENTIALS, startS3Emulator, type S3Emulator } from '../support/s3-emulator.js';

const CLUSTER = 'ott-test';
const TASK_ARN = 'arn:aws:ecs:eu-west-1:111111111111:task/ott-test/1dc5c17a422548870e2a6f7d0e1b2a3c';
const BUCKET = 'ott-test-tfstate';

type Call = { target: string; body: Record<string, unknown> };
type Answer = (call: Call) => unknown;

function task(lastStatus: string, extra: Record<string, unknown> = {}) {
  return {
    taskArn: TASK_ARN,
    clusterArn: `arn:aws:ecs:eu-west-1:111111111111:cluster/${CLUSTER}`,
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/ott-test-provisioner:3',
    lastStatus,
    desiredStatus: lastStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING',
    launchType: 'FARGATE',
    cpu: '1024',
    memory: '2048',
    containers: [{ name: 'provisioner', lastStatus, ...(lastStatus === 'STOPPED' ? { exitCode: 0 } : {}) }],
    ...extra,
  };
}

const request = (runId: string): StackRunRequest => ({
  action: 'apply',
  runId,
  cellId: 'eu-1',
  tenant: {
    id: '00000000-0000-4000-8000-000000000001',
    slug: 'acme',
    plan: 'pro',
    allowedOrigins: [],
    publicKeys: [{ id: 'KTESTRUNNER0001', pem: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----' }],
  },
});

describe('EcsStackRunner', () => {
  let server: Server;
  let endpoint: string;
  let s3: S3Emulator;
  let calls: Call[] = [];
  let answers: Answer[] = [];

  beforeAll(async () => {
    // The worker's role may read provisioner-results/ objects but not list the bucket: a missing result is 403.
    s3 = await startS3Emulator({ withoutListBucket: true });
    await s3.createBucket(BUCKET);
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const call = { target: String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '', body: JSON.parse(text || '{}') as Record<string, unknown> };
        calls.push(call);
        const answer = answers.shift();
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify(answer ? answer(call) : { __type: 'ServerException', message: 'unexpected call' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await s3?.close();
  });

  const runner = () => {
    const slept: number[] = [];
    const instance = new EcsStackRunner({
      ecs: new ECSClient({ region: 'eu-west-1', endpoint, credentials: EMULATOR_CREDENTIALS }),
      s3: s3.client,
      resultsBucket: BUCKET,
      cluster: CLUSTER,
      taskDefinition: 'ott-test-provisioner',
      subnets: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
      securityGroups: ['sg-0123456789abcdef0'],
      pollMs: { first: 5_000, longest: 30_000 },
      sleep: async (ms) => void slept.push(ms),
    });
    return { instance, slept };
  };
  const putResult = async (runId: string, result: unknown) =>
    s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `provisioner-results/00000000-0000-4000-8000-000000000001/${runId}.json`, Body: JSON.stringify(result) }));

  it('starts the task on Fargate with the request in its environment, polls with growing waits until it stops, and returns its result', async () => {
    calls = [];
    const outputs = {
      bucketName: 'b',
      distributionId: 'E1',
      distributionDomainName: 'd.cloudfront.net',
      deliveryDomain: 'd.cloudfront.net',
      keyGroupId: 'k',
      cloudfrontKeyIds: {},
      viewerPoolId: 'p',
      viewerPoolClientId: 'c',
      viewerPoolDomain: 'x',
      mediaConvertRoleArn: 'r',
    };
    await putResult('run-0001-ecs', { runId: 'run-0001-ecs', ok: true, action: 'apply', outputs });
    answers = [
      () => ({ tasks: [task('PROVISIONING')], failures: [] }),
      () => ({ tasks: [task('PROVISIONING')], failures: [] }),
      () => ({ tasks: [task('RUNNING')], failures: [] }),
      () => ({ tasks: [task('RUNNING')], failures: [] }),
      () => ({ tasks: [task('STOPPED', { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' })], failures: [] }),
    ];
    const { instance, slept } = runner();
    const result = await instance.run(request('run-0001-ecs'));
    expect(result).toEqual({ runId: 'run-0001-ecs', ok: true, action: 'apply', outputs });
    expect(calls.map((call) => call.target)).toEqual(['RunTask', 'DescribeTasks', 'DescribeTasks', 'DescribeTasks', 'DescribeTasks']);
    expect(calls[0]?.body).toMatchObject({
      cluster: CLUSTER,
      taskDefinition: 'ott-test-provisioner',
      launchType: 'FARGATE',
      count: 1,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'ENABLED' } },
    });
    const [override] = (calls[0]?.body.overrides as { containerOverrides: { name: string; environment: { name: string; value: string }[] }[] }).containerOverrides;
    expect(override?.name).toBe('provisioner');
    expect(JSON.parse(override?.environment.find((entry) => entry.name === 'OTT_PROVISION_REQUEST')?.value ?? '{}')).toEqual(request('run-0001-ecs'));
    expect(calls[1]?.body).toEqual({ cluster: CLUSTER, tasks: [TASK_ARN] });
    expect(slept).toEqual([5_000, 7_500, 11_250]);
  });

  it('says why when the task stopped with exit code 1 before writing a result (e.g. the image could not start Terraform)', async () => {
    answers = [
      () => ({ tasks: [task('PENDING')], failures: [] }),
      () => ({
        tasks: [
          task('STOPPED', { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'provisioner', lastStatus: 'STOPPED', exitCode: 1 }] }),
        ],
        failures: [],
      }),
    ];
    const attempt = runner().instance.run(request('run-0002-ecs'));
    await expect(attempt).rejects.toThrow(StackRunUnavailableError);
    await expect(attempt).rejects.toThrow(/stopped without a result \(stop code EssentialContainerExited: Essential container in task exited; container exit code 1\)/);
  });

  it('treats a capacity failure in failures[] as nothing started, so the queue retries', async () => {
    calls = [];
    answers = [() => ({ tasks: [], failures: [{ arn: TASK_ARN, reason: 'Capacity is unavailable at this time. Please try again later or in a different availability zone' }] })];
    await expect(runner().instance.run(request('run-0003-ecs'))).rejects.toThrow(/RunTask started no provisioner task: Capacity is unavailable at this time/);
    expect(calls.map((call) => call.target)).toEqual(['RunTask']);
  });

  it('returns a failed apply as the run reported it (step and detail), for the provisioner to record', async () => {
    await putResult('run-0004-ecs', { runId: 'run-0004-ecs', ok: false, step: 'apply', detail: 'Error: AccessDenied' });
    answers = [() => ({ tasks: [task('PROVISIONING')], failures: [] }), () => ({ tasks: [task('STOPPED', { containers: [{ name: 'provisioner', exitCode: 1 }] })], failures: [] })];
    expect(await runner().instance.run(request('run-0004-ecs'))).toEqual({ runId: 'run-0004-ecs', ok: false, step: 'apply', detail: 'Error: AccessDenied' });
  });

  it('starts the largest stack input a tenant can save: origins at the settings limit, two keys, a custom domain', async () => {
    calls = [];
    const largest = request('run-0006-ecs');
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    // The shortest origins cost the most JSON per character of the list (quotes and commas are escaped in the override).
    const origins = Array.from({ length: 1_000 }, (_, index) => `http://${index}.io`);
    while (JSON.stringify(origins).length > ALLOWED_ORIGINS_MAX_JSON_LENGTH) origins.pop();
    largest.tenant = {
      ...largest.tenant,
      slug: 'a'.repeat(63),
      plan: 'enterprise',
      cell: 'eu-central-1-cell-0001',
      allowedOrigins: origins,
      publicKeys: [
        { id: 'K2JCJMDEHXQW5F', pem },
        { id: 'K3JCJMDEHXQW5G', pem },
      ],
      customDomain: { domainName: `${'video-'.repeat(40)}example.com`, attach: true },
      geoRestriction: { type: 'blacklist', countries: Array.from({ length: 40 }, () => 'KP') },
    };
    answers = [() => ({ tasks: [task('PROVISIONING')], failures: [] }), () => ({ tasks: [task('STOPPED')], failures: [] })];
    await expect(runner().instance.run(largest)).rejects.toThrow(/stopped without a result/);
    expect(calls.map((call) => call.target)).toEqual(['RunTask', 'DescribeTasks']);
  });

  it('refuses a request RunTask would reject for its size (8192 characters of overrides)', async () => {
    calls = [];
    const big = request('run-0005-ecs');
    big.tenant.allowedOrigins = Array.from({ length: 300 }, (_, index) => `https://www.site-${index}.example`);
    await expect(runner().instance.run(big)).rejects.toThrow(/RunTask accepts 8192 in overrides/);
    expect(calls).toEqual([]);
  });
});
