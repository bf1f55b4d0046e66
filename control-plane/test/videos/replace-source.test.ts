// Replacing a ready video's source keeps its id: the current package is served while the new one uploads and
// transcodes, the switch moves playback to the new package (a new folder) and deletes the old one, a file that cannot
// become a video leaves the current version playing with the reason, and another tenant cannot replace anything.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioRenditionInput, AudioRenditionOutput, DownloadOutput, DownloadsInput, TranscodeInput, TranscodeOutput, Transcoder } from '../../src/ports.js';
import { deleteDueRetiredFolders } from '../../src/domain/videos/retired-folders.js';
import { makeAudioOnly, makeClip } from '../support/media-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { putPart, readPart, uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

/** Runs the real transcoder; a replacement's encoding (its package goes to a revision folder) waits for `release`. */
class HoldReplacements implements Transcoder {
  private release: () => void = () => {};
  private held = Promise.resolve();
  readonly started: string[] = [];

  constructor(private readonly inner: Transcoder) {}

  hold(): () => void {
    this.held = new Promise((resolve) => (this.release = resolve));
    return () => this.release();
  }

  makeDownloads(input: DownloadsInput): Promise<DownloadOutput[]> {
    return this.inner.makeDownloads(input);
  }

  encodeAudioRendition(input: AudioRenditionInput): Promise<AudioRenditionOutput> {
    return this.inner.encodeAudioRendition(input);
  }

  async transcode(input: TranscodeInput): Promise<TranscodeOutput> {
    if (/\/r\d+\/$/.test(input.packagePrefix ?? '')) {
      this.started.push(input.packagePrefix ?? '');
      await this.held;
    }
    return this.inner.transcode(input);
  }
}

type Tenant = Awaited<ReturnType<typeof signUpActiveTenant>>;

async function replaceSource(tenant: Tenant, videoId: string, file: string): Promise<void> {
  const { size } = await stat(file);
  const ticket = await tenant.admin.videos.createReplacementUpload({ videoId, filename: path.basename(file), size });
  expect(ticket.videoId).toBe(videoId);
  for (const part of ticket.parts) {
    const response = await putPart(part.url, await readPart(file, ticket.partSize, part.partNumber));
    expect(response.ok).toBe(true);
  }
  await tenant.admin.videos.completeReplacementUpload({ videoId });
}

let platform: TestPlatform;
let transcoder: HoldReplacements;
let tenant: Tenant;
let other: Tenant;
let videoId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  transcoder = new HoldReplacements(platform.app.deps.transcoder);
  await platform.startWorker({ transcoder });
  tenant = await signUpActiveTenant(platform, 'replacer');
  other = await signUpActiveTenant(platform, 'intruder');
  const first = await makeClip(path.join(platform.dataDir, 'two-seconds.mp4'), { seconds: 2, width: 320, height: 240 });
  videoId = await uploadFile(tenant.admin, first, { title: 'Trailer' });
  await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the first version', timeoutMs: 60_000 });
});
afterAll(() => platform?.close());

describe('replacing a video’s source', () => {
  let firstManifest: string;

  it('serves the current version while the replacement transcodes, then switches to it under the same id and retires the old package', async () => {
    const before = await platform.caller().playback.authorize({ videoId });
    firstManifest = before.signedManifestUrl;
    // A viewer who started the old version holds its rendition's playlist (signed, as the master hands it out).
    const oldMaster = await (await fetch(firstManifest)).text();
    const oldRendition = new URL(
      oldMaster
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .at(-1) ?? '',
      firstManifest,
    ).toString();
    expect(before.durationSeconds).toBeCloseTo(2, 0);
    // Chapters outlive the source; images of the old picture do not.
    await tenant.admin.chapters.set({
      videoId,
      chapters: [
        { startSeconds: 0, title: 'Start' },
        { startSeconds: 1, title: 'End' },
      ],
    });
    const image = await tenant.admin.videoImages.url({ videoId, timeSeconds: 1, width: 160 });
    expect((await fetch(image.url)).status).toBe(200);
    const imageFile = path.join(platform.dataDir, 'store', 't', tenant.session.tenantId, 'v', videoId, 'image', '1', '160.jpg');
    await stat(imageFile);
    const release = transcoder.hold();
    await replaceSource(tenant, videoId, await makeClip(path.join(platform.dataDir, 'four-seconds.mp4'), { seconds: 4, width: 320, height: 240 }));
    await waitFor(async () => (transcoder.started.length > 0 ? true : undefined), { what: 'the replacement to start encoding' });
    const during = await tenant.admin.videos.get({ videoId });
    expect(during).toMatchObject({ status: 'ready', playable: true, replacement: { status: 'processing', failureReason: null } });
    const stillPlaying = await platform.caller().playback.authorize({ videoId });
    expect(stillPlaying.manifestUrl).toBe(before.manifestUrl);
    expect((await fetch(stillPlaying.signedManifestUrl)).status).toBe(200);

    release();
    const after = await waitFor(
      async () => {
        const current = await tenant.admin.videos.get({ videoId });
        return current.replacement === null ? current : undefined;
      },
      { what: 'the switch to the new package', timeoutMs: 60_000 },
    );
    expect(after).toMatchObject({ id: videoId, status: 'ready', title: 'Trailer' });
    // The switch shows at once; the job then removes the old package, republishes the master and the chapters to the
    // new length, and lastly forgets the images of the old picture: once they are gone, every step is done.
    await expect
      .poll(
        () =>
          stat(imageFile).then(
            () => 'kept',
            () => 'gone',
          ),
        { timeout: 15_000 },
      )
      .toBe('gone');
    const replaced = await platform.caller().playback.authorize({ videoId });
    expect(replaced.durationSeconds).toBeCloseTo(4, 0);
    expect(replaced.manifestUrl).toBe(`${platform.edgeUrl}/t/${tenant.session.tenantId}/v/${videoId}/r1/master.m3u8`);
    expect((await fetch(replaced.signedManifestUrl)).status).toBe(200);
    // The old master is gone (its signed URL was still valid); its renditions are retired, not deleted: the viewer who
    // started the old version plays on to its end, and the sweep deletes them an hour or more later.
    expect((await fetch(firstManifest)).status).toBe(404);
    expect((await fetch(oldRendition)).status).toBe(200);
    const retired = await platform.app.deps.db.selectFrom('retired_folders').select(['prefix', 'delete_after']).where('video_id', '=', videoId).execute();
    expect(retired.length).toBeGreaterThan(0);
    const last = Math.max(...retired.map((folder) => folder.delete_after.getTime()));
    expect(last - Date.now()).toBeGreaterThan(3590_000);
    expect(await deleteDueRetiredFolders({ ...platform.app.deps, clock: { now: () => new Date(last + 1000) } })).toBe(retired.length);
    expect((await fetch(oldRendition)).status).toBe(404);
    expect((await (await fetch(replaced.chaptersVttUrl ?? '')).text()).trim().split('\n').at(-2)).toMatch(/^00:00:01\.000 --> 00:00:04\.\d{3}$/);
  });

  it('keeps the current version playing and says why when the new file cannot become a video', async () => {
    await replaceSource(tenant, videoId, await makeAudioOnly(path.join(platform.dataDir, 'audio-only.m4a')));
    const failed = await waitFor(
      async () => {
        const current = await tenant.admin.videos.get({ videoId });
        return current.replacement?.status === 'failed' ? current : undefined;
      },
      { what: 'the replacement to fail', timeoutMs: 60_000 },
    );
    expect(failed.status).toBe('ready');
    expect(failed.replacement?.failureReason).toMatch(/^The replacement could not be used: .+ The current version keeps playing\.$/);
    const grant = await platform.caller().playback.authorize({ videoId });
    expect(grant.manifestUrl).toMatch(/\/r1\/master\.m3u8$/);
    expect((await fetch(grant.signedManifestUrl)).status).toBe(200);
  });

  it('is not possible for another tenant: the video is not found, and nothing changes', async () => {
    await expect(other.admin.videos.createReplacementUpload({ videoId, filename: 'mine.mp4', size: 1000 })).rejects.toThrow(/not found/i);
    await expect(other.admin.videos.completeReplacementUpload({ videoId })).rejects.toThrow(/not found/i);
    expect((await tenant.admin.videos.get({ videoId })).replacement?.status).toBe('failed');
  });
});
