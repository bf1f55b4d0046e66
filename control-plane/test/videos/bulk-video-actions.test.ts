// The library's bulk actions through the API: one call changes or deletes many videos and answers which; a list with
// a video that is not the caller's (deleted meanwhile, or another tenant's) is refused as a whole, saying so; a list
// longer than the bound is refused with the bound. And the time-left estimate is the rate so far.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { transcodeSecondsLeft } from '../../src/domain/videos/transcode-estimate.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoIds: string[];

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'bulk');
  const rows = await sql<{ id: string }>`
    insert into videos (tenant_id, title, status, source_key, source_filename, source_size, part_size)
    select ${tenant.session.tenantId}::uuid, 'Film ' || n, 'failed', 'sources/bulk/' || n, 'film.mp4', 1000, 8388608 from generate_series(1, 3) as n
    returning id`.execute(platform.database.db);
  videoIds = rows.rows.map((row) => row.id);
}, 60_000);

afterAll(async () => {
  await platform?.close();
});

it('changes the access of many videos in one call and answers which', async () => {
  const outcome = await tenant.admin.videos.bulkSetAccessMode({ videoIds, accessMode: 'token' });
  expect(new Set(outcome.done)).toEqual(new Set(videoIds));
  expect(outcome.failed).toEqual([]);
  expect((await tenant.admin.videos.list({ access: 'token' })).data.map((video) => video.id).sort()).toEqual([...videoIds].sort());
});

it('refuses a list with a video that no longer exists, naming how many, and changes nothing', async () => {
  const gone = '00000000-0000-4000-8000-000000000000';
  await expect(tenant.admin.videos.bulkDelete({ videoIds: [videoIds[0]!, gone] })).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: 'One of the selected videos no longer exists: reload the library and select again.',
  });
  expect((await tenant.admin.videos.list()).data).toHaveLength(3);
});

it('refuses more than 100 videos at once, saying the bound', async () => {
  const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  await expect(tenant.admin.videos.bulkDelete({ videoIds: many })).rejects.toThrow('Select at most 100 videos at a time.');
});

it('deletes two of three in one call', async () => {
  const outcome = await tenant.admin.videos.bulkDelete({ videoIds: videoIds.slice(0, 2) });
  expect(new Set(outcome.done)).toEqual(new Set(videoIds.slice(0, 2)));
  expect((await tenant.admin.videos.list()).data.map((video) => video.id)).toEqual([videoIds[2]]);
});

it('estimates the time left from the rate so far, and says nothing before there is one', () => {
  const started = new Date('2026-12-07T10:00:00Z');
  const at = (seconds: number) => new Date(started.getTime() + seconds * 1000);
  const processing = { status: 'processing' as const, processing_started_at: started };
  expect(transcodeSecondsLeft({ ...processing, progress: 0.25 }, at(60))).toBe(180);
  expect(transcodeSecondsLeft({ ...processing, progress: 0.01 }, at(60))).toBeNull();
  expect(transcodeSecondsLeft({ ...processing, progress: 0.5 }, at(1))).toBeNull();
  expect(transcodeSecondsLeft({ status: 'ready', processing_started_at: started, progress: 1 }, at(60))).toBeNull();
});
