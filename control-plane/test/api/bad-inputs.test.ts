// Files that cannot become a video end `failed` with a reason a person understands; the original is kept
// and the worker goes on to the next job. An empty file is refused before anything is uploaded.
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAudioOnly, makeClip, makeTruncatedMp4 } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'badinput');
});
afterAll(() => platform?.close());

const cases: { name: string; make: (file: string) => Promise<unknown>; reason: RegExp }[] = [
  { name: 'notes.txt', make: (file) => writeFile(file, 'These are my meeting notes, not a film.\n'.repeat(50)), reason: /not a (video|media)|could not be read|not recogni[sz]ed/i },
  { name: 'truncated.mp4', make: (file) => makeTruncatedMp4(file, `${file}.whole.mp4`), reason: /truncated|incomplete/i },
  { name: 'podcast.m4a', make: (file) => makeAudioOnly(file), reason: /no video|audio only/i },
];

it('refuses an empty file when the upload is created, before any part or transcode', async () => {
  await expect(tenant.admin.videos.createUpload({ filename: 'empty.mp4', size: 0 })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: 'empty.mp4 is empty (0 bytes): there is no video in it. Choose the video file itself and upload again.',
  });
  const rows = await platform.database.db.selectFrom('videos').select('id').where('tenant_id', '=', tenant.session.tenantId).where('source_filename', '=', 'empty.mp4').execute();
  expect(rows).toEqual([]);
});

it('fails each bad file with a clear reason, keeps the original, and still transcodes the next good file', async () => {
  const uploaded: { name: string; videoId: string; reason: RegExp; size: number }[] = [];
  for (const testCase of cases) {
    const file = path.join(platform.dataDir, testCase.name);
    await testCase.make(file);
    uploaded.push({ name: testCase.name, videoId: await uploadFile(tenant.admin, file), reason: testCase.reason, size: (await stat(file)).size });
  }
  const good = await uploadFile(tenant.admin, await makeClip(path.join(platform.dataDir, 'good.mp4'), { seconds: 2, width: 640, height: 360 }));

  for (const { name, videoId, reason, size } of uploaded) {
    const video = await waitFor(
      async () => {
        const current = await tenant.admin.videos.get({ videoId });
        return current.status === 'failed' || current.status === 'ready' ? current : undefined;
      },
      { what: `${name} to settle` },
    );
    expect(video.status, name).toBe('failed');
    expect(video.failureReason, name).toMatch(reason);
    expect(video.failureReason, name).not.toMatch(/ffmpeg|ffprobe|stderr|Error:|at .*\.ts/);
    const row = await platform.database.db.selectFrom('videos').select('source_key').where('id', '=', videoId).executeTakeFirstOrThrow();
    expect((await stat(path.join(platform.dataDir, 'store', row.source_key))).size, `${name} original kept`).toBe(size);
    const renditions = await platform.database.db.selectFrom('renditions').select('id').where('video_id', '=', videoId).execute();
    expect(renditions).toHaveLength(0);
  }
  const ready = await waitFor(
    async () => {
      const current = await tenant.admin.videos.get({ videoId: good });
      return current.status === 'ready' ? current : undefined;
    },
    { what: 'the good file after the bad ones' },
  );
  expect(ready.renditions.map((rendition) => rendition.name)).toEqual(['360p']);

  // A failed video cannot be played, and says why.
  await expect(platform.caller().playback.authorize({ videoId: uploaded.find((upload) => upload.name === 'podcast.m4a')!.videoId })).rejects.toMatchObject({
    code: 'PRECONDITION_FAILED',
    message: expect.stringMatching(/cannot be played: .*(no video|audio only)/i),
  });
});
