// CloudFront standard logs as AWS writes them to the log bucket (gzip, W3C, tab-separated), parsed and ingested.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeCloudFrontBase64 } from '@ott/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servingTenantOfLogKey } from '../../src/adapters/aws/delivery-logs/serving-tenant-of-log-key.js';
import { FolderLogBucket } from '../../src/adapters/local/folder-log-bucket.js';
import { parseCloudFrontLog } from '../../src/domain/usage/cloudfront-log-format.js';
import { ingestCloudFrontLogs } from '../../src/domain/usage/delivery-ingestion.js';
import { insertTenant, TestClock } from '../support/billing-fixtures.js';
import { CLOUDFRONT_LOG_FIELDS as FIELDS, cloudFrontLogLine as line } from '../support/cloudfront-log-lines.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let folder: string;
let tenant: string;
const video = '6f1c8d3e-2b4a-4c5d-9e8f-0a1b2c3d4e5f';
const stranger = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  database = await createTestDatabase();
  folder = await mkdtemp(path.join(tmpdir(), 'ott-cf-logs-'));
  tenant = (await insertTenant(database.db)).tenantId;
});
afterAll(async () => {
  await database?.drop();
  await rm(folder, { recursive: true, force: true });
});

function sampleLog(tenantId: string): string {
  return [
    '#Version: 1.0',
    FIELDS,
    line({ date: '2026-11-21', time: '10:02:31', bytes: 1_204, stem: `/t/${tenantId}/v/${video}/master.m3u8`, status: 200 }),
    line({ date: '2026-11-21', time: '10:02:31', bytes: 2_311, stem: `/t/${tenantId}/v/${video}/720p/index.m3u8`, status: 200 }),
    line({ date: '2026-11-21', time: '10:02:32', bytes: 1_048_576, stem: `/t/${tenantId}/v/${video}/720p/seg-00001.m4s`, status: 200 }),
    line({ date: '2026-11-21', time: '10:59:59', bytes: 524_288, stem: `/t/${tenantId}/v/${video}/720p/seg-00002.m4s`, status: 206, range: [0, 524_287] }),
    line({ date: '2026-11-21', time: '11:00:00', bytes: 900_000, stem: `/t/${tenantId}/v/${video}/720p/seg-00003.m4s`, status: 200 }),
    line({ date: '2026-11-21', time: '11:00:01', bytes: 310, stem: `/t/${tenantId}/v/${video}/1080p/seg-00003.m4s`, status: 403 }),
    // Cut short by the viewer after 40,000 bytes: served, billed.
    line({ date: '2026-11-21', time: '11:00:01', bytes: 40_000, stem: `/t/${tenantId}/v/${video}/1080p/seg-00004.m4s`, status: 200, result: 'Error', responseResult: 'Hit' }),
    // Gone before any answer; denied by a quota.
    line({ date: '2026-11-21', time: '11:00:01', bytes: 0, stem: `/t/${tenantId}/v/${video}/master.m3u8`, status: '000' }),
    line({ date: '2026-11-21', time: '11:00:01', bytes: 420, stem: `/t/${tenantId}/v/${video}/master.m3u8`, status: 200, result: 'LimitExceeded', responseResult: 'LimitExceeded' }),
    line({ date: '2026-11-21', time: '11:00:02', bytes: 5_000, stem: `/t/${stranger}/v/${video}/master.m3u8`, status: 200 }),
    'this line was cut short by a crash',
    '',
  ].join('\n');
}

describe('CloudFront standard log format', () => {
  it("tells a preview's requests by the signed policy in the logged query: the files as …/** (domain/playback/preview-resource.ts)", () => {
    const signedQuery = (resource: string) => {
      const policy = encodeCloudFrontBase64(Buffer.from(JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': 1_800_000_000 } } }] })));
      return `Policy=${encodeURIComponent(policy)}&Signature=abc~def&Key-Pair-Id=K2JCJMDEHXQW5F`;
    };
    const prefix = `https://d111111abcdef8.cloudfront.net/t/${tenant}/v/${video}`;
    const at = { date: '2026-11-21', time: '10:02:31', bytes: 1_204, stem: `/t/${tenant}/v/${video}/master.m3u8`, status: 200 as const };
    const { records } = parseCloudFrontLog(
      ['#Version: 1.0', FIELDS, line({ ...at, query: signedQuery(`${prefix}/**`) }), line({ ...at, query: signedQuery(`${prefix}/*`) }), line({ ...at, query: '-' }), line(at)].join('\n'),
      tenant,
    );
    expect(records.map((record) => record.preview ?? false)).toEqual([true, false, false, false]);
    // The grants signed since quality tiers: a preview names `…/v/{video}**`, a viewer `…/v/{video}*` or `…/v/{video}/*`.
    const tiers = parseCloudFrontLog(['#Version: 1.0', FIELDS, ...[`${prefix}**`, `${prefix}*`, `${prefix}/*`].map((resource) => line({ ...at, query: signedQuery(resource) }))].join('\n'), tenant);
    expect(tiers.records.map((record) => record.preview ?? false)).toEqual([true, false, false]);
  });

  it("bills the video's UHD folder (`{video}-uhd/`, where its 4K rung is) as that video's delivery", () => {
    const stem = `/t/${tenant}/v/${video}-uhd/2160p/seg_00001.m4s`;
    const { records } = parseCloudFrontLog(['#Version: 1.0', FIELDS, line({ date: '2026-11-21', time: '10:02:31', bytes: 4_000_000, stem, status: 200 })].join('\n'), tenant);
    expect(records).toEqual([{ time: new Date('2026-11-21T10:02:31Z'), tenantId: tenant, videoId: video, path: stem, status: 200, bytes: 4_000_000 }]);
  });

  it('reads the documented columns by name: bytes, status and the tenant and video from the URI stem', () => {
    const { records, malformed } = parseCloudFrontLog(sampleLog(tenant), tenant);
    expect(malformed).toBe(1);
    expect(records).toHaveLength(10);
    expect(records[0]).toEqual({ time: new Date('2026-11-21T10:02:31Z'), tenantId: tenant, videoId: video, path: `/t/${tenant}/v/${video}/master.m3u8`, status: 200, bytes: 1204 });
    expect(records[3]).toMatchObject({ status: 206, bytes: 524_288 });
    expect(records.map((record) => record.refused ?? false)).toEqual([false, false, false, false, false, true, false, true, true, true]);
  });

  it('follows the #Fields header when columns come in another order or new ones are appended', () => {
    const text = ['#Version: 1.0', '#Fields: sc-status cs-uri-stem date time sc-bytes x-new-field', `200\t/t/${tenant}/v/${video}/a.m4s\t2026-11-21\t23:59:59\t77\tsomething`].join('\n');
    expect(parseCloudFrontLog(text, tenant).records).toEqual([
      { time: new Date('2026-11-21T23:59:59Z'), tenantId: tenant, videoId: video, path: `/t/${tenant}/v/${video}/a.m4s`, status: 200, bytes: 77 },
    ]);
  });

  it("takes the tenant from whose distribution wrote the log: a path naming another tenant is the serving tenant's refused request", () => {
    const other = '11111111-2222-4333-8444-555555555555';
    const text = ['#Version: 1.0', FIELDS, line({ date: '2026-11-21', time: '10:00:00', bytes: 9_000, stem: `/t/${other}/v/${video}/master.m3u8`, status: 200 })].join('\n');
    expect(parseCloudFrontLog(text, tenant).records).toEqual([
      { time: new Date('2026-11-21T10:00:00Z'), tenantId: tenant, videoId: '', path: `/t/${other}/v/${video}/master.m3u8`, status: 200, bytes: 9_000, refused: true },
    ]);
    // A log no distribution of ours wrote is nobody's.
    expect(parseCloudFrontLog(text, undefined).records.map((record) => record.tenantId)).toEqual(['']);
  });

  it('counts lines before any #Fields header as malformed rather than guessing', () => {
    expect(parseCloudFrontLog(line({ date: '2026-11-21', time: '10:00:00', bytes: 1, stem: '/x', status: 200 }), tenant)).toEqual({ records: [], malformed: 1 });
  });
});

describe('CloudFront log bucket ingestion', () => {
  it('bills each object once: per tenant, video and hour, with started plays, whatever the re-runs', async () => {
    const deps = { db: database.db, clock: new TestClock(new Date('2026-11-21T12:00:00Z')) };
    // Where the tenant's distribution logs (tenant-infra DeliveryCdn): the key names whose CDN served.
    await mkdir(path.join(folder, 'cloudfront', tenant), { recursive: true });
    await writeFile(path.join(folder, 'cloudfront', tenant, 'E2ABCDEF.2026-11-21-10.a1b2c3d4.gz'), gzipSync(sampleLog(tenant)));
    // Laid out as a cell's log bucket is: whose distribution wrote an object is in its key.
    const bucket = new FolderLogBucket(folder, servingTenantOfLogKey);

    const first = await ingestCloudFrontLogs(deps, bucket);
    // The line naming another tenant was still this tenant's distribution answering: refused for it, nobody's egress.
    expect(first).toMatchObject({ files: 1, records: 10, malformed: 1, unattributed: 0, refusedRecorded: 4 });
    const again = await ingestCloudFrontLogs(deps, bucket);
    expect(again).toMatchObject({ files: 0, eventsRecorded: 0 });

    const hourly = await database.db
      .selectFrom('usage_events')
      .select(['meter', 'occurred_at', 'quantity', 'video_id'])
      .where('tenant_id', '=', tenant)
      .orderBy('meter')
      .orderBy('occurred_at')
      .execute();
    expect(hourly.map((row) => [row.meter, row.occurred_at.toISOString(), Number(row.quantity), row.video_id])).toEqual([
      ['egress', '2026-11-21T10:00:00.000Z', 1_204 + 2_311 + 1_048_576 + 524_288, video],
      // The 403, the `000` and the request denied by a quota are not the tenant's egress.
      ['egress', '2026-11-21T11:00:00.000Z', 900_000 + 40_000, video],
      ['plays', '2026-11-21T10:00:00.000Z', 1, video],
    ]);

    // A later object is read on its own; the first is not read again.
    await writeFile(
      path.join(folder, 'cloudfront', tenant, 'E2ABCDEF.2026-11-21-11.e5f6a7b8.gz'),
      gzipSync(['#Version: 1.0', FIELDS, line({ date: '2026-11-21', time: '11:30:00', bytes: 1000, stem: `/t/${tenant}/v/${video}/master.m3u8`, status: 200 })].join('\n')),
    );
    expect(await ingestCloudFrontLogs(deps, bucket)).toMatchObject({ files: 1, records: 1 });
    const totals = await database.db.selectFrom('usage_rollups').select(['meter', 'quantity']).where('tenant_id', '=', tenant).where('granularity', '=', 'day').orderBy('meter').execute();
    expect(totals.map((row) => [row.meter, Number(row.quantity)])).toEqual([
      ['egress', 1_204 + 2_311 + 1_048_576 + 524_288 + 900_000 + 40_000 + 1000],
      ['plays', 2],
    ]);
    const refused = await database.db.selectFrom('refused_deliveries').select(['status', 'requests', 'bytes', 'source']).where('tenant_id', '=', tenant).orderBy('status').orderBy('bytes').execute();
    expect(refused.map((row) => [row.status, Number(row.requests), Number(row.bytes), row.source])).toEqual([
      [0, 1, 0, 'cloudfront'],
      [200, 1, 420, 'cloudfront'],
      [200, 1, 5_000, 'cloudfront'],
      [403, 1, 310, 'cloudfront'],
    ]);
  });
});
