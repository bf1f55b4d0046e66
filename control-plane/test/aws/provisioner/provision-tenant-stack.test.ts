// The provisioner task's entry point run as a process, as ECS runs it: a fake terraform on PATH, the result written to
// the state bucket on the S3 emulator. What the worker reads back, and what Terraform was asked to do, are checked.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackRunRequest, StackRunResult } from '../../../src/adapters/aws/provisioner-task/stack-run.js';
import { EMULATOR_CREDENTIALS, startS3Emulator, type S3Emulator } from '../support/s3-emulator.js';
import { appliedOutputs, fakeTerraform, type FakeTerraform } from './fake-terraform.js';

const controlPlane = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const STATE_BUCKET = 'ott-test-tfstate';
const TENANT_ID = '00000000-0000-4000-8000-000000000001';
const KEY_PAIR_ID = 'KTESTPROVISION01';
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const infra = {
  namePrefix: 'ott-test',
  platform: { accountId: '111111111111', region: 'eu-west-1', image: 'x', portalOrigins: ['https://portal.example'] },
  state: { bucket: STATE_BUCKET, region: 'eu-west-1' },
  cells: [
    {
      id: 'eu-1',
      accountId: '222222222222',
      region: 'eu-west-1',
      email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:222222222222:identity/video.example.com', from: 'no-reply@video.example.com' },
      deployRoleArn: 'arn:aws:iam::222222222222:role/operator-admin',
    },
  ],
};

describe('the provisioner task (bin/provision-tenant-stack)', () => {
  let s3: S3Emulator;
  let folder: string;
  let terraform: FakeTerraform;
  let run = 0;

  beforeAll(async () => {
    s3 = await startS3Emulator();
    await s3.createBucket(STATE_BUCKET);
    folder = await mkdtemp(path.join(tmpdir(), 'ott-provisioner-task-'));
    terraform = await fakeTerraform(folder, appliedOutputs(KEY_PAIR_ID));
  });
  afterAll(async () => {
    await s3?.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function runTask(action: StackRunRequest['action'], extraEnv: Record<string, string> = {}) {
    run += 1;
    const request: StackRunRequest = {
      action,
      runId: `run-${String(run).padStart(4, '0')}-test`,
      cellId: 'eu-1',
      tenant: { id: TENANT_ID, slug: 'acme', plan: 'pro', cell: 'eu-1', allowedOrigins: ['https://www.acme.example'], publicKeys: [{ id: KEY_PAIR_ID, pem }] },
    };
    const env = {
      PATH: `${terraform.bin}:${process.env.PATH ?? ''}`,
      HOME: folder,
      OTT_DATA_DIR: path.join(folder, `data-${run}`),
      OTT_AWS_INFRA_CONFIG: JSON.stringify(infra),
      OTT_PROVISION_REQUEST: JSON.stringify(request),
      OTT_AWS_S3_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
      OTT_LOG_LEVEL: 'error',
      ...extraEnv,
    };
    const exitCode = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/bin/provision-tenant-stack.ts'], { cwd: controlPlane, env }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? -1,
    );
    const object = await s3.client.send(new GetObjectCommand({ Bucket: STATE_BUCKET, Key: `provisioner-results/${TENANT_ID}/${request.runId}.json` }));
    const result = JSON.parse(await object.Body!.transformToString()) as StackRunResult;
    const stackJson = await readFile(path.join(env.OTT_DATA_DIR, 'stacks', TENANT_ID, 'stacks', `tenant-${TENANT_ID}`, 'cdk.tf.json'), 'utf8');
    return { exitCode, result, stackJson, request };
  }

  it("applies one tenant stack as the cell's tenant deploy role and leaves its outputs for the worker", async () => {
    const before = (await terraform.calls()).length;
    const { exitCode, result, stackJson } = await runTask('apply');
    expect(exitCode).toBe(0);
    expect(result).toMatchObject({ ok: true, action: 'apply', outputs: { distributionDomainName: 'd111111abcdef8.cloudfront.net', cloudfrontKeyIds: { [KEY_PAIR_ID]: 'K2JCJMDEHXQW5F' } } });
    const calls = (await terraform.calls()).slice(before).map((call) => call.args[0]);
    expect(calls).toEqual(['init', 'apply', 'output']);
    const stack = JSON.parse(stackJson) as { provider: { aws: { assume_role?: { role_arn: string }[] }[] } };
    // Never the operator's admin role of the cell: the least-privilege role the cell stack made for tenant stacks.
    expect(stack.provider.aws[0]?.assume_role?.[0]?.role_arn).toBe('arn:aws:iam::222222222222:role/ott-test-eu-1-tenant-deploy');
  }, 60_000);

  it('re-applies identically: the same request synthesises the same stack, so Terraform has nothing to change', async () => {
    const first = await runTask('apply');
    const second = await runTask('apply');
    expect(second.result).toEqual({ ...first.result, runId: second.request.runId });
    expect(second.stackJson).toBe(first.stackJson);
  }, 60_000);

  it("reports a failed apply with its step and Terraform's words, exits 1, and reads no outputs", async () => {
    const before = (await terraform.calls()).length;
    const { exitCode, result } = await runTask('apply', { FAKE_TF_FAIL: 'apply' });
    expect(exitCode).toBe(1);
    expect(result).toMatchObject({ ok: false, step: 'apply', detail: expect.stringContaining('TooManyDistributionsAssociatedToKeyGroup') });
    expect((await terraform.calls()).slice(before).map((call) => call.args[0])).toEqual(['init', 'apply']);
  }, 60_000);

  it('offboards by applying the stack as retiring (bucket emptied on destroy, pool unprotected), then destroying it', async () => {
    const before = (await terraform.calls()).length;
    const { exitCode, result, stackJson } = await runTask('destroy');
    expect(exitCode).toBe(0);
    expect(result).toMatchObject({ ok: true, action: 'destroy' });
    expect((await terraform.calls()).slice(before).map((call) => call.args[0])).toEqual(['init', 'apply', 'destroy']);
    const stack = JSON.parse(stackJson) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    expect(Object.values(stack.resource.aws_s3_bucket ?? {})[0]).toMatchObject({ force_destroy: true });
    expect(Object.values(stack.resource.aws_cognito_user_pool ?? {})[0]).toMatchObject({ deletion_protection: 'INACTIVE' });
  }, 60_000);
});
