// A tenant with a ready 20-second video on a test database and a filesystem store, inserted directly (no upload, no
// transcode): enough for the master playlist to be rendered and caption tracks to be published.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FsObjectStore } from '../../../src/adapters/local/fs-object-store.js';
import { systemClock } from '../../../src/composition.js';
import type { Db } from '../../../src/db/database.js';
import { insertPublicVideo } from '../../support/playback-fixtures.js';

export async function captionDeps(db: Db) {
  const root = await mkdtemp(path.join(tmpdir(), 'ott-captions-'));
  const store = new FsObjectStore(root, 'http://127.0.0.1:1/store/parts', Buffer.alloc(32, 7));
  return { db, store, clock: systemClock, root, read: (key: string) => readFile(path.join(root, key), 'utf8') };
}

export async function insertReadyVideo(db: Db, durationSeconds = 20): Promise<{ tenantId: string; videoId: string }> {
  const ids = await insertPublicVideo(db);
  await db.updateTable('videos').set({ duration_seconds: durationSeconds }).where('id', '=', ids.videoId).execute();
  await db
    .insertInto('renditions')
    .values({
      tenant_id: ids.tenantId,
      video_id: ids.videoId,
      name: '360p',
      width: 640,
      height: 360,
      frame_rate: 30,
      video_codec: 'h264',
      codecs: 'avc1.42c01e,mp4a.40.2',
      bandwidth: 800_000,
      average_bandwidth: 700_000,
      duration_seconds: durationSeconds,
      bytes: 1,
      playlist_path: '360p/index.m3u8',
    })
    .execute();
  return ids;
}
