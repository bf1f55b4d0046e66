// Whatever the file is called, it is stored under a key we choose: names cannot escape the tenant's namespace,
// and odd but legitimate names (Unicode, Windows paths) are kept for display.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { putPart } from '../support/upload-file.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'names');
});
afterAll(() => platform?.close());

it.each([
  ['../../../../etc/passwd.mp4', 'passwd'],
  ['..\\..\\Windows\\System32\\evil.MOV', 'evil'],
  ['C:\\Users\\Ana\\Videos\\Film final.mov', 'Film final'],
  ['🎬 Ünïcødé — a film.MP4', '🎬 Ünïcødé — a film'],
  ['.mp4', 'Untitled video'],
  ['noextension', 'noextension'],
  ['e\u0301clair\u202Egnp.mp4', 'e\u0301clair\u202Egnp'],
])('stores %j inside the tenant namespace, titled %j', async (filename, title) => {
  const ticket = await tenant.admin.videos.createUpload({ filename, size: 4 });
  expect((await putPart(ticket.parts[0]!.url, Buffer.from('data'))).status).toBe(200);
  await tenant.admin.videos.completeUpload({ videoId: ticket.videoId });
  const video = await tenant.admin.videos.get({ videoId: ticket.videoId });
  expect(video.title).toBe(title.normalize('NFC'));
  expect(video.sourceFilename).toBe(filename);
  const sourceDir = path.join(platform.dataDir, 'store', 'sources', tenant.session.tenantId, ticket.videoId);
  const [stored] = await readdir(sourceDir);
  expect(stored).toMatch(/^original(\.[a-z0-9]{1,8})?$/);
  expect((await stat(path.join(sourceDir, stored!))).size).toBe(4);
});

it('refuses names with control characters instead of storing them', async () => {
  await expect(tenant.admin.videos.createUpload({ filename: 'a\u0000b.mp4', size: 4 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('control characters') });
  await expect(tenant.admin.videos.createUpload({ filename: 'line\nbreak.mp4', size: 4 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
});
