// Storage is billed on what S3 bills: the media buckets are versioned (tenant-infra media-bucket.ts), so a replaced
// rendition or a deleted video keeps costing as a noncurrent version until the lifecycle rule expires it. s3rver keeps
// no versions, so S3 is stood in for at the HTTP boundary by ListObjectVersions answers shaped like the example in the
// S3 API reference (ListVersionsResult with Version and DeleteMarker entries, paged by NextKeyMarker and
// NextVersionIdMarker): https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../src/adapters/aws/s3-client.js';
import { S3ObjectStore } from '../../src/adapters/aws/s3-object-store.js';
import { sampleStorage } from '../../src/domain/usage/storage-sampling.js';
import { insertTenant, TestClock } from '../support/billing-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { EMULATOR_CREDENTIALS } from './support/s3-emulator.js';

const BUCKET = 'ott-test-media';
/** A bucket the role may not list: S3 answers 403 AccessDenied (Amazon S3 API Reference, "Error responses": https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). */
const LOCKED_BUCKET = 'ott-test-locked';
const ACCESS_DENIED = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>h0st</HostId></Error>';
const OWNER = '<Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner>';

function version(key: string, id: string, latest: boolean, size: number): string {
  return `<Version><Key>${key}</Key><VersionId>${id}</VersionId><IsLatest>${latest}</IsLatest><LastModified>2026-11-10T17:50:30.000Z</LastModified><ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag><Size>${size}</Size><StorageClass>STANDARD</StorageClass>${OWNER}</Version>`;
}

function deleteMarker(key: string, id: string): string {
  return `<DeleteMarker><Key>${key}</Key><VersionId>${id}</VersionId><IsLatest>true</IsLatest><LastModified>2026-11-12T17:50:30.000Z</LastModified>${OWNER}</DeleteMarker>`;
}

function listVersionsResult(prefix: string, entries: string[], next?: { key: string; versionId: string }): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    `<Name>${BUCKET}</Name><Prefix>${prefix}</Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><MaxKeys>1000</MaxKeys>`,
    `<IsTruncated>${next !== undefined}</IsTruncated>`,
    next ? `<NextKeyMarker>${next.key}</NextKeyMarker><NextVersionIdMarker>${next.versionId}</NextVersionIdMarker>` : '',
    ...entries,
    '</ListVersionsResult>',
  ].join('');
}

let database: TestDatabase;
let server: Server;
let store: S3ObjectStore;
let lockedStore: S3ObjectStore;
const requests: URL[] = [];
let tenant: string;

/** A tenant's bucket: one film whose 720p segment was re-encoded (old version kept), one film deleted (marker over its versions). */
function bucketAnswer(url: URL): string {
  const prefix = url.searchParams.get('prefix') ?? '';
  if (prefix === `sources/${tenant}/`) {
    return listVersionsResult(prefix, [
      version(`sources/${tenant}/film-a/original.mp4`, 'S1', true, 700_000_000),
      deleteMarker(`sources/${tenant}/film-b/original.mp4`, 'S2'),
      version(`sources/${tenant}/film-b/original.mp4`, 'S3', false, 300_000_000),
    ]);
  }
  if (url.searchParams.get('key-marker') === null) {
    // First page: truncated, as S3 answers when more than max-keys versions match.
    return listVersionsResult(prefix, [version(`t/${tenant}/v/a/720p/seg-00001.m4s`, 'R1', true, 2_000_000), version(`t/${tenant}/v/a/720p/seg-00001.m4s`, 'R0', false, 2_500_000)], {
      key: `t/${tenant}/v/a/720p/seg-00001.m4s`,
      versionId: 'R0',
    });
  }
  return listVersionsResult(prefix, [deleteMarker(`t/${tenant}/v/b/master.m3u8`, 'R3'), version(`t/${tenant}/v/b/master.m3u8`, 'R2', false, 1_500)]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = (await insertTenant(database.db)).tenantId;
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://s3');
    requests.push(url);
    if (url.pathname.startsWith(`/${LOCKED_BUCKET}`)) return void response.writeHead(403, { 'Content-Type': 'application/xml' }).end(ACCESS_DENIED);
    if (request.method !== 'GET' || url.pathname.replace(/\/$/, '') !== `/${BUCKET}` || !url.searchParams.has('versions')) return void response.writeHead(501).end();
    response.writeHead(200, { 'Content-Type': 'application/xml' }).end(bucketAnswer(url));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createS3Client({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, credentials: EMULATOR_CREDENTIALS });
  store = new S3ObjectStore(async () => ({ client, bucket: BUCKET }), tmpdir());
  lockedStore = new S3ObjectStore(async () => ({ client, bucket: LOCKED_BUCKET }), tmpdir());
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database?.drop();
});

describe('storage billed on every S3 version', () => {
  it('sums current and noncurrent versions across pages; delete markers weigh nothing', async () => {
    requests.length = 0;
    expect(await store.billedBytes(`t/${tenant}/`)).toBe(2_000_000 + 2_500_000 + 1_500);
    // The second page starts where the first said to.
    expect(requests.map((url) => [url.searchParams.get('key-marker'), url.searchParams.get('version-id-marker')])).toEqual([
      [null, null],
      [`t/${tenant}/v/a/720p/seg-00001.m4s`, 'R0'],
    ]);
    expect(await store.billedBytes(`sources/${tenant}/`)).toBe(1_000_000_000);
  });

  it("samples the tenant's storage as S3 bills it, not as the database remembers it", async () => {
    const clock = new TestClock(new Date('2026-11-21T10:20:00Z'));
    // The database has no film of this tenant: both were deleted, but their versions are still stored and billed.
    expect(await sampleStorage({ db: database.db, clock, store })).toMatchObject({ eventsRecorded: 2, unmeasured: 0 });
    const samples = await database.db.selectFrom('usage_events').select(['meter', 'quantity']).where('tenant_id', '=', tenant).orderBy('meter').execute();
    // MB-hours, a started megabyte counted.
    expect(samples.map((row) => [row.meter, Number(row.quantity)])).toEqual([
      ['storage_rendition', 5],
      ['storage_source', 1_000],
    ]);
  });

  it('samples a tenant whose bucket cannot be listed from the bytes the database records, rather than not at all', async () => {
    const { tenantId: other } = await insertTenant(database.db);
    await database.db
      .insertInto('videos')
      .values({ tenant_id: other, title: 'film', source_key: `sources/${other}/film/original.mp4`, source_filename: 'film.mp4', source_size: 700_000_000, part_size: 1, status: 'ready' })
      .execute();
    const clock = new TestClock(new Date('2026-11-21T11:20:00Z'));
    expect(await sampleStorage({ db: database.db, clock, store: lockedStore })).toMatchObject({ tenants: 2, eventsRecorded: 1, unmeasured: 2 });
    const samples = await database.db.selectFrom('usage_events').select(['meter', 'quantity']).where('tenant_id', '=', other).orderBy('meter').execute();
    // Empty meters record nothing (record-usage.ts): the film's 700 MB is the one sample.
    expect(samples.map((row) => [row.meter, Number(row.quantity)])).toEqual([['storage_source', 700]]);
  });
});
