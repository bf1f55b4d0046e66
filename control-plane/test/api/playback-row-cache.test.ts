// playback.authorize reads videos and tenants from memory (PlaybackRowCache), yet a change committed by any
// process (here: another connection pool, as the worker or a second API process would be) applies to the very
// next authorisation, with no waiting: the cache passes the LISTEN connection's barrier before it answers.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { LISTENER_APPLICATION_NAME, PlaybackChangeListener } from '../../src/adapters/postgres/playback-change-listener.js';
import { authorizePlayback } from '../../src/domain/playback/authorize-playback.js';
import { PlaybackRowCache } from '../../src/domain/playback/playback-row-cache.js';
import { readPlaybackRow, type PlaybackRow } from '../../src/domain/playback/playback-rows.js';
import { authorizeDeps, insertPublicVideo } from '../support/playback-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

let database: TestDatabase;
/** Another process's writes: its own pool, its own connections. */
let elsewhere: Db;
let deps: Parameters<typeof authorizePlayback>[0];
let cache: PlaybackRowCache;
let listener: PlaybackChangeListener;
let loads: string[];
/** When set, a load reads the row and then waits for this before answering (a load racing a change). */
let holdLoads: Promise<void> | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  elsewhere = createDatabase(database.url, { max: 2 });
  deps = authorizeDeps(database.db);
});
afterAll(async () => {
  await elsewhere?.destroy();
  await database?.drop();
});

async function startCache(): Promise<void> {
  loads = [];
  holdLoads = undefined;
  cache = new PlaybackRowCache({
    load: async (videoId): Promise<PlaybackRow | undefined> => {
      loads.push(videoId);
      const row = await readPlaybackRow(database.db, videoId);
      await holdLoads;
      return row;
    },
    connectFeed: (subscriber) => (listener = new PlaybackChangeListener(database.url, subscriber, { retryMs: 0 })),
  });
  await listener.connect();
}
afterEach(() => cache?.close());

const publicVideo = () => insertPublicVideo(database.db);
const authorize = (videoId: string) => authorizePlayback(deps, { videoId }, cache);

describe('playback rows in memory', () => {
  it('reads a popular video once, however many viewers authorise', async () => {
    await startCache();
    const { videoId } = await publicVideo();
    await authorize(videoId);
    const grants = await Promise.all(Array.from({ length: 20 }, () => authorize(videoId)));
    expect(new Set(grants.map((grant) => grant.signature)).size).toBe(1);
    expect(loads).toEqual([videoId]);
  });

  it('refuses at once when another process makes the video token-only, deletes it, or marks it failed', async () => {
    await startCache();
    const [token, deleted, failed] = [await publicVideo(), await publicVideo(), await publicVideo()];
    for (const { videoId } of [token, deleted, failed]) await authorize(videoId);

    await elsewhere.updateTable('videos').set({ access_mode: 'token' }).where('id', '=', token.videoId).execute();
    await expect(authorize(token.videoId)).rejects.toMatchObject({ kind: 'forbidden' });
    await elsewhere.deleteFrom('videos').where('id', '=', deleted.videoId).execute();
    await expect(authorize(deleted.videoId)).rejects.toMatchObject({ kind: 'not-found' });
    await elsewhere.updateTable('videos').set({ status: 'failed', failure_reason: 'the source is corrupt' }).where('id', '=', failed.videoId).execute();
    await expect(authorize(failed.videoId)).rejects.toMatchObject({ kind: 'not-ready', message: 'This video cannot be played: the source is corrupt' });
  });

  it("shows another process's change to the tenant's branding and plan in the next grant", async () => {
    await startCache();
    const { videoId, tenantId } = await publicVideo();
    expect((await authorize(videoId)).branding).toEqual({ accentColor: null, logoUrl: null, showPlatformLogo: true });
    await elsewhere.updateTable('tenants').set({ accent_color: '#ff5500', plan: 'pro' }).where('id', '=', tenantId).execute();
    expect((await authorize(videoId)).branding).toEqual({ accentColor: '#ff5500', logoUrl: null, showPlatformLogo: false });
  });

  it('does not keep a row read before a change that committed while it was on its way', async () => {
    await startCache();
    const { videoId } = await publicVideo();
    let release = () => {};
    holdLoads = new Promise((resolve) => (release = resolve));
    const racing = authorize(videoId);
    await waitFor(async () => (loads.length === 1 ? true : undefined), { what: 'the load to start' });
    await elsewhere.updateTable('videos').set({ access_mode: 'token' }).where('id', '=', videoId).execute();
    await listener.barrier();
    release();
    holdLoads = undefined;
    // It read the row before the change, and may answer with it: it began before the change committed.
    await racing.catch(() => undefined);
    await expect(authorize(videoId)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('reads the database while its LISTEN connection is lost, and caches again once it is back', async () => {
    await startCache();
    const { videoId } = await publicVideo();
    await authorize(videoId);
    const admin = new pg.Client(database.url);
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend(pid, 5000) from pg_stat_activity where application_name = $1 and datname = current_database()', [LISTENER_APPLICATION_NAME]);
    } finally {
      await admin.end();
    }
    // Changed while nobody listened: no notification will ever tell the cache.
    await elsewhere.updateTable('videos').set({ access_mode: 'token' }).where('id', '=', videoId).execute();
    await expect(authorize(videoId)).rejects.toMatchObject({ kind: 'forbidden' });

    await elsewhere.updateTable('videos').set({ access_mode: 'public' }).where('id', '=', videoId).execute();
    await waitFor(
      () =>
        listener.barrier().then(
          () => true,
          () => undefined,
        ),
      { what: 'the listener to reconnect' },
    );
    await authorize(videoId);
    const before = loads.length;
    await authorize(videoId);
    expect(loads.length).toBe(before);
  });
});
