// Egress in the aws shape, end to end below the worker's job: CloudFront writes gzip'd standard logs into each cell's
// log bucket (s3rver), S3 announces each object on the cell's SQS queue (a fake SQS at the HTTP boundary, driven by the
// real @aws-sdk/client-sqs, carrying the documented S3 event notification JSON), and the ingest-egress job of the
// composition built from a process environment records each tenant's egress once, whatever is redelivered.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cdnLogBucketName } from '@ott/tenant-infra';
import { runtimeConfig } from '../../src/bin/runtime-config.js';
import { compose, type Composition } from '../../src/composition.js';
import { readEnv } from '../../src/env.js';
import { ingestEgress } from '../../src/jobs/handlers/ingest-egress.js';
import { insertTenant } from '../support/billing-fixtures.js';
import { CLOUDFRONT_LOG_FIELDS, cloudFrontLogLine } from '../support/cloudfront-log-lines.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { testLogger } from '../support/test-logger.js';
import { startFakeSqs, type FakeSqs } from './support/fake-sqs.js';
import { taskSecrets } from './support/task-secrets.js';
import { EMULATOR_CREDENTIALS, startS3Emulator, type S3Emulator } from './support/s3-emulator.js';

const PREFIX = 'ott-test';
const CELLS = [
  { id: 'eu-1', accountId: '111111111111', region: 'eu-west-1', email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' } },
  { id: 'us-1', accountId: '222222222222', region: 'us-east-1', email: { sesIdentityArn: 'arn:aws:ses:us-east-1:222222222222:identity/video.example.com', from: 'no-reply@video.example.com' } },
] as const;
const infra = {
  namePrefix: PREFIX,
  platform: { accountId: '111111111111', region: 'eu-west-1', image: 'example/ott-cloud:test', portalOrigins: ['https://portal.example'] },
  state: { bucket: 'ott-test-state', region: 'eu-west-1' },
  cells: CELLS,
};
const queueName = (cellId: string) => `${PREFIX}-cdn-log-notices-${cellId}`;
const bucketOf = (cell: (typeof CELLS)[number]) => cdnLogBucketName(PREFIX, cell.id, cell.accountId);
const video = '6f1c8d3e-2b4a-4c5d-9e8f-0a1b2c3d4e5f';

let database: TestDatabase;
let s3: S3Emulator;
let sqs: FakeSqs;
let dataDir: string;
let app: Composition;

beforeAll(async () => {
  [database, s3, sqs, dataDir] = await Promise.all([createTestDatabase(), startS3Emulator(), startFakeSqs(), mkdtemp(path.join(tmpdir(), 'ott-cf-notices-'))]);
  vi.stubEnv('AWS_ACCESS_KEY_ID', EMULATOR_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', EMULATOR_CREDENTIALS.secretAccessKey);
  for (const cell of CELLS) {
    await s3.createBucket(bucketOf(cell));
    sqs.createQueue(queueName(cell.id));
  }
  const env = readEnv({
    OTT_CLOUD: 'aws',
    DATABASE_URL: database.url,
    OTT_DATA_DIR: dataDir,
    OTT_MASTER_KEY: randomBytes(32).toString('base64'),
    OTT_AUTH_SECRET: randomBytes(32).toString('base64'),
    OTT_AWS_REGION: 'eu-west-1',
    OTT_AWS_NAME_PREFIX: PREFIX,
    OTT_AWS_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/ott-test-transcode-events',
    OTT_AWS_INFRA_CONFIG: JSON.stringify(infra),
    OTT_AWS_S3_ENDPOINT: s3.endpoint,
    OTT_AWS_SQS_ENDPOINT: sqs.endpoint,
    OTT_TERRAFORM_PATH: path.join(dataDir, 'no-terraform'),
    ...taskSecrets(),
  });
  app = await compose(await runtimeConfig(env, database.url), { db: database.db });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await app?.close();
  await Promise.all([database?.drop(), s3?.close(), sqs?.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

/** A legacy standard log object: `{prefix}{distribution id}.{YYYY-MM-DD-HH}.{unique id}.gz`. */
async function deliverLog(cell: (typeof CELLS)[number], tenantId: string, name: string, lines: string[]): Promise<{ key: string; size: number }> {
  const key = `cloudfront/${tenantId}/${name}`;
  const body = gzipSync(['#Version: 1.0', CLOUDFRONT_LOG_FIELDS, ...lines, ''].join('\n'));
  await s3.client.send(new PutObjectCommand({ Bucket: bucketOf(cell), Key: key, Body: body }));
  return { key, size: body.length };
}

/** The notification S3 sends for a new object ("Event message structure", version 2.1 as documented). */
function createdNotice(cell: (typeof CELLS)[number], object: { key: string; size: number }): string {
  const bucket = bucketOf(cell);
  return JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: cell.region,
        eventTime: '2026-11-21T11:04:17.311Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AROAEXAMPLEID:awslogsdelivery' },
        requestParameters: { sourceIPAddress: '192.0.2.7' },
        responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'cloudfront-logs',
          bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
          // Keys arrive URL-encoded in form style.
          object: { key: encodeURIComponent(object.key).replaceAll('%2F', '/'), size: object.size, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
        },
      },
    ],
  });
}

const TEST_EVENT = JSON.stringify({
  Service: 'Amazon S3',
  Event: 's3:TestEvent',
  Time: '2026-11-21T10:00:02.089Z',
  Bucket: bucketOf(CELLS[0]),
  RequestId: '5582815E1AEA5ADF',
  HostId: '8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE',
});

async function runIngestJob(): Promise<void> {
  await ingestEgress({ type: 'ingest-egress' }, { retryCount: 0, isLast: false, signal: new AbortController().signal }, { deps: app.deps, deliveryLogs: app.deliveryLogs, log: testLogger });
}

async function egressOf(tenantId: string): Promise<number> {
  const row = await database.db
    .selectFrom('usage_events')
    .select((eb) => eb.fn.sum<string>('quantity').as('bytes'))
    .where('tenant_id', '=', tenantId)
    .where('meter', '=', 'egress')
    .executeTakeFirst();
  return Number(row?.bytes ?? 0);
}

describe('CloudFront log notices in the aws shape', () => {
  it("meters each tenant's egress from its cell's log objects, once, through test events, redeliveries and a crash before the notice is deleted", async () => {
    const [eu, us] = CELLS;
    const alpha = (await insertTenant(database.db)).tenantId;
    const beta = (await insertTenant(database.db)).tenantId;
    const at = (time: string) => ({ date: '2026-11-21', time });
    const alphaLog = await deliverLog(eu, alpha, 'E2ALPHA0DIST.2026-11-21-10.a1b2c3d4.gz', [
      cloudFrontLogLine({ ...at('10:02:31'), bytes: 1_204, stem: `/t/${alpha}/v/${video}/master.m3u8`, status: 200 }),
      cloudFrontLogLine({ ...at('10:02:32'), bytes: 1_048_576, stem: `/t/${alpha}/v/${video}/720p/seg-00001.m4s`, status: 200 }),
      // A range request: only the bytes sent count.
      cloudFrontLogLine({ ...at('10:02:40'), bytes: 524_288, stem: `/t/${alpha}/v/${video}/720p/seg-00002.m4s`, status: 206, range: [0, 524_287] }),
      // Refused: a grant that did not verify. Not the tenant's egress.
      cloudFrontLogLine({ ...at('10:03:00'), bytes: 310, stem: `/t/${alpha}/v/${video}/1080p/seg-00001.m4s`, status: 403 }),
    ]);
    const betaLog = await deliverLog(us, beta, 'E3BETA00DIST.2026-11-21-10.e5f6a7b8.gz', [
      cloudFrontLogLine({ ...at('10:15:00'), bytes: 2_000, stem: `/t/${beta}/v/${video}/master.m3u8`, status: 200 }),
      cloudFrontLogLine({ ...at('10:15:01'), bytes: 700_000, stem: `/t/${beta}/v/${video}/480p/seg-00001.m4s`, status: 200 }),
    ]);
    sqs.send(queueName(eu.id), TEST_EVENT);
    sqs.send(queueName(eu.id), createdNotice(eu, alphaLog));
    // S3 delivers at least once: the same object announced twice.
    sqs.send(queueName(eu.id), createdNotice(eu, alphaLog));
    sqs.send(queueName(us.id), createdNotice(us, betaLog));

    await runIngestJob();
    expect(await egressOf(alpha)).toBe(1_204 + 1_048_576 + 524_288);
    expect(await egressOf(beta)).toBe(2_000 + 700_000);
    const refused = await database.db.selectFrom('refused_deliveries').select(['status', 'requests', 'bytes']).where('tenant_id', '=', alpha).execute();
    expect(refused.map((row) => [row.status, Number(row.requests), Number(row.bytes)])).toEqual([[403, 1, 310]]);
    // Every notice is gone: the test event, both copies of alpha's, beta's.
    expect([sqs.depth(queueName(eu.id)), sqs.depth(queueName(us.id))]).toEqual([0, 0]);

    // A new object arrives; the worker records it and dies before deleting the notice.
    const later = await deliverLog(eu, alpha, 'E2ALPHA0DIST.2026-11-21-11.c9d0e1f2.gz', [
      cloudFrontLogLine({ ...at('11:30:00'), bytes: 9_000, stem: `/t/${alpha}/v/${video}/master.m3u8`, status: 200 }),
    ]);
    sqs.send(queueName(eu.id), createdNotice(eu, later));
    sqs.failDeletes(10);
    await expect(runIngestJob()).rejects.toThrow();
    sqs.failDeletes(0);
    expect(await egressOf(alpha)).toBe(1_204 + 1_048_576 + 524_288 + 9_000);
    expect(sqs.depth(queueName(eu.id))).toBe(1);

    // The visibility timeout passes and the notice comes back: read as settled, deleted, not counted again.
    sqs.expireVisibility();
    await runIngestJob();
    expect(await egressOf(alpha)).toBe(1_204 + 1_048_576 + 524_288 + 9_000);
    expect(await egressOf(beta)).toBe(2_000 + 700_000);
    expect(sqs.depth(queueName(eu.id))).toBe(0);
  });

  it('leaves the notice of an object it cannot read, so a later run reads it once it can', async () => {
    const [eu] = CELLS;
    const gamma = (await insertTenant(database.db)).tenantId;
    const key = `cloudfront/${gamma}/E2GAMMA0DIST.2026-11-21-12.0a0b0c0d.gz`;
    const body = gzipSync(
      ['#Version: 1.0', CLOUDFRONT_LOG_FIELDS, cloudFrontLogLine({ date: '2026-11-21', time: '12:00:00', bytes: 4_321, stem: `/t/${gamma}/v/${video}/master.m3u8`, status: 200 }), ''].join('\n'),
    );
    // Announced before it can be read (here: written after the notice).
    sqs.send(queueName(eu.id), createdNotice(eu, { key, size: body.length }));
    await runIngestJob();
    expect(await egressOf(gamma)).toBe(0);
    expect(sqs.depth(queueName(eu.id))).toBe(1);

    await s3.client.send(new PutObjectCommand({ Bucket: bucketOf(eu), Key: key, Body: body }));
    sqs.expireVisibility();
    await runIngestJob();
    expect(await egressOf(gamma)).toBe(4_321);
    expect(sqs.depth(queueName(eu.id))).toBe(0);
  });

  it('bills the tenant whose distribution logged a request, never another tenant its path names', async () => {
    const [eu] = CELLS;
    const serving = (await insertTenant(database.db)).tenantId;
    const named = (await insertTenant(database.db)).tenantId;
    // Anyone may ask the serving tenant's distribution for /t/{named}/…; it logs under the serving tenant's prefix.
    const log = await deliverLog(eu, serving, 'E2DELTA0DIST.2026-11-21-13.1a2b3c4d.gz', [
      cloudFrontLogLine({ date: '2026-11-21', time: '13:00:00', bytes: 5_000, stem: `/t/${serving}/v/${video}/master.m3u8`, status: 200 }),
      cloudFrontLogLine({ date: '2026-11-21', time: '13:00:01', bytes: 800_000, stem: `/t/${named}/v/${video}/720p/seg-00001.m4s`, status: 200 }),
    ]);
    sqs.send(queueName(eu.id), createdNotice(eu, log));
    await runIngestJob();

    expect(await egressOf(named)).toBe(0);
    expect(await egressOf(serving)).toBe(5_000);
    const refused = await database.db.selectFrom('refused_deliveries').select(['tenant_id', 'status', 'requests', 'bytes']).where('tenant_id', 'in', [serving, named]).execute();
    expect(refused.map((row) => [row.tenant_id, row.status, Number(row.requests), Number(row.bytes)])).toEqual([[serving, 200, 1, 800_000]]);
    expect(sqs.depth(queueName(eu.id))).toBe(0);
  });
});
