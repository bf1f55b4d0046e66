import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptPackageTextTracks } from '../../src/domain/captions/embedded-text-tracks.js';
import { saveTextTrack } from '../../src/domain/captions/save-text-track.js';
import { deleteTextTrack, listTextTracks, replaceTextTrackCues, textTrackCues, updateTextTrack } from '../../src/domain/captions/text-track-library.js';
import { textTrackTranscript } from '../../src/domain/captions/text-track-transcript.js';
import { uploadTextTrack } from '../../src/domain/captions/upload-text-track.js';
import { DomainError } from '../../src/domain/errors.js';
import { deleteDueRetiredFolders, MASTER_CACHE_GRACE_SECONDS } from '../../src/domain/videos/retired-folders.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { captionDeps, insertReadyVideo } from './support/caption-fixtures.js';

const SRT = '1\n00:00:01,000 --> 00:00:03,000\nHello there\n\n2\n00:00:07,000 --> 00:00:08,500\n<i>General Kenobi</i>\n';

let database: TestDatabase;
let deps: Awaited<ReturnType<typeof captionDeps>>;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await captionDeps(database.db);
});
afterAll(() => database?.drop());

const prefix = (ids: { tenantId: string; videoId: string }) => `t/${ids.tenantId}/v/${ids.videoId}/`;
/** A clock just past the grace a retired folder is kept for. */
const afterTheGrace = () => ({ now: () => new Date(Date.now() + (MASTER_CACHE_GRACE_SECONDS + 1) * 1000) });
const subtitleLines = (master: string) => master.split('\n').filter((line) => line.startsWith('#EXT-X-MEDIA:TYPE=SUBTITLES'));
const uriOf = (line: string | undefined) => /URI="([^"]+)"/.exec(line ?? '')?.[1] ?? '';

describe('caption tracks of a ready video', () => {
  it('an uploaded SRT becomes a subtitle rendition the master names, with segments holding its cues', async () => {
    const ids = await insertReadyVideo(database.db);
    const track = await uploadTextTrack(deps, { ...ids, content: SRT, language: 'fr' });
    expect(track).toMatchObject({ language: 'fr', label: 'French', kind: 'subtitles', origin: 'uploaded', cueCount: 2, status: 'ready' });
    const master = await deps.read(`${prefix(ids)}master.m3u8`);
    const [line] = subtitleLines(master);
    expect(line).toContain('LANGUAGE="fr",NAME="French",DEFAULT=NO');
    expect(master).toContain('SUBTITLES="subs"');
    const playlist = await deps.read(`${prefix(ids)}${uriOf(line)}`);
    expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    const folder = path.posix.dirname(uriOf(line));
    expect(await deps.read(`${prefix(ids)}${folder}/0.vtt`)).toContain('00:00:01.000 --> 00:00:03.000\nHello there');
    expect(await deps.read(`${prefix(ids)}${folder}/1.vtt`)).toContain('00:00:07.000 --> 00:00:08.500\n<i>General Kenobi</i>');
  });

  it('an edit is served from a new folder, the old one kept for players holding the old master, and the editor reads the new cues back', async () => {
    const ids = await insertReadyVideo(database.db);
    const track = await uploadTextTrack(deps, { ...ids, content: SRT, language: 'en', label: 'English' });
    const before = uriOf(subtitleLines(await deps.read(`${prefix(ids)}master.m3u8`))[0]);
    await replaceTextTrackCues(deps, ids.tenantId, ids.videoId, track.id, [{ startSeconds: 2, endSeconds: 4, text: 'Changed words' }]);
    const after = uriOf(subtitleLines(await deps.read(`${prefix(ids)}master.m3u8`))[0]);
    expect(after).not.toBe(before);
    // A player that loaded the master before the edit (caches keep it up to 60 s) still reads the version it names…
    expect(existsSync(path.join(deps.root, prefix(ids), before))).toBe(true);
    // …until the grace has passed and the sweep deletes it.
    expect(await deleteDueRetiredFolders({ ...deps, clock: afterTheGrace() })).toBeGreaterThanOrEqual(1);
    expect(existsSync(path.join(deps.root, prefix(ids), before))).toBe(false);
    expect(await deps.read(`${prefix(ids)}${path.posix.dirname(after)}/0.vtt`)).toContain('00:00:02.000 --> 00:00:04.000\nChanged words');
    const read = await textTrackCues(deps, ids.tenantId, ids.videoId, track.id);
    expect(read.cues).toEqual([{ startSeconds: 2, endSeconds: 4, text: 'Changed words' }]);
    expect(read.track.origin).toBe('uploaded');
  });

  it('keeps one default track per video, and forced and kind reach the master', async () => {
    const ids = await insertReadyVideo(database.db);
    const english = await uploadTextTrack(deps, { ...ids, content: SRT, language: 'en', isDefault: true });
    const french = await uploadTextTrack(deps, { ...ids, content: SRT, language: 'fr' });
    await updateTextTrack(deps, ids.tenantId, ids.videoId, french.id, { isDefault: true, forced: true, kind: 'captions', label: 'Français (CC)' });
    const tracks = await listTextTracks(deps, ids.tenantId, ids.videoId);
    expect(tracks.map((t) => [t.id, t.isDefault])).toEqual([
      [english.id, false],
      [french.id, true],
    ]);
    const lines = subtitleLines(await deps.read(`${prefix(ids)}master.m3u8`));
    expect(lines[1]).toContain('NAME="Français (CC)",DEFAULT=YES,AUTOSELECT=YES,FORCED=YES,CHARACTERISTICS=');
    expect(lines[0]).toContain('DEFAULT=NO');
  });

  it('deleting a track removes it from the master at once, and its files once players holding the old master are done', async () => {
    const ids = await insertReadyVideo(database.db);
    const track = await uploadTextTrack(deps, { ...ids, content: SRT, language: 'en' });
    await deleteTextTrack(deps, ids.tenantId, ids.videoId, track.id);
    const master = await deps.read(`${prefix(ids)}master.m3u8`);
    expect(subtitleLines(master)).toEqual([]);
    expect(master).not.toContain('SUBTITLES=');
    expect(existsSync(path.join(deps.root, prefix(ids), 'text', track.id))).toBe(true);
    expect(await deleteDueRetiredFolders({ ...deps, clock: afterTheGrace() })).toBeGreaterThanOrEqual(1);
    expect(existsSync(path.join(deps.root, prefix(ids), 'text', track.id))).toBe(false);
    expect(await listTextTracks(deps, ids.tenantId, ids.videoId)).toEqual([]);
  });

  it('gives a transcript with times, without markup or repeats', async () => {
    const ids = await insertReadyVideo(database.db);
    const track = await saveTextTrack(deps, {
      ...ids,
      origin: 'automatic',
      language: 'en',
      label: 'English (automatic)',
      kind: 'subtitles',
      cues: [
        { startSeconds: 62.4, endSeconds: 64, text: '<v Anna>Tom &amp; Jerry</v>' },
        { startSeconds: 64, endSeconds: 65, text: 'Tom &amp; Jerry' },
        { startSeconds: 3725, endSeconds: 3726, text: 'late' },
      ],
    });
    expect(track.origin).toBe('automatic');
    expect(await textTrackTranscript(deps, ids.tenantId, ids.videoId, track.id)).toBe('[00:01:02] Tom & Jerry\n[01:02:05] late\n');
  });

  it('refuses bad files and settings with what to do, and keeps what was there', async () => {
    const ids = await insertReadyVideo(database.db);
    const refused = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).message;
    };
    expect(await refused(uploadTextTrack(deps, { ...ids, content: '1\n00:00:05,000 --> 00:00:02,000\nx\n', language: 'en' }))).toBe(
      'The caption file was not accepted: line 2: the end time 00:00:02,000 is before the start 00:00:05,000.',
    );
    expect(await refused(uploadTextTrack(deps, { ...ids, content: SRT, language: 'English' }))).toMatch(/"English" is not a language tag/);
    expect(await refused(uploadTextTrack(deps, { ...ids, content: SRT, language: 'en', label: 'x'.repeat(81) }))).toMatch(/label has 81 characters/);
    expect(await listTextTracks(deps, ids.tenantId, ids.videoId)).toEqual([]);
  });

  it('never shows or changes another tenant’s tracks', async () => {
    const a = await insertReadyVideo(database.db);
    const b = await insertReadyVideo(database.db);
    const track = await uploadTextTrack(deps, { ...a, content: SRT, language: 'en' });
    await expect(listTextTracks(deps, b.tenantId, a.videoId)).rejects.toThrow('The video was not found.');
    await expect(textTrackCues(deps, b.tenantId, a.videoId, track.id)).rejects.toThrow('The caption track was not found.');
    await expect(textTrackCues(deps, b.tenantId, b.videoId, track.id)).rejects.toThrow('The caption track was not found.');
    await expect(deleteTextTrack(deps, b.tenantId, b.videoId, track.id)).rejects.toThrow('The caption track was not found.');
    await expect(uploadTextTrack(deps, { tenantId: b.tenantId, videoId: a.videoId, content: SRT, language: 'en' })).rejects.toThrow('The video was not found.');
    await expect(replaceTextTrackCues(deps, b.tenantId, b.videoId, track.id, [])).rejects.toThrow('The caption track was not found.');
    expect(await listTextTracks(deps, a.tenantId, a.videoId)).toHaveLength(1);
  });
});

describe('caption tracks of a video that is not ready yet', () => {
  it('are kept, then published with the source’s embedded tracks when the package is ready (and a re-run adds nothing)', async () => {
    const ids = await insertReadyVideo(database.db);
    await database.db.updateTable('videos').set({ status: 'processing' }).where('id', '=', ids.videoId).execute();
    const uploaded = await uploadTextTrack(deps, { ...ids, content: SRT, language: 'de' });
    expect(existsSync(path.join(deps.root, prefix(ids), 'text'))).toBe(false);
    await database.db.updateTable('videos').set({ status: 'ready' }).where('id', '=', ids.videoId).execute();
    const embedded = [{ language: 'es', label: 'Español', kind: 'subtitles' as const, isDefault: true, forced: false, webvtt: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola\n' }];
    await adoptPackageTextTracks(deps, ids.tenantId, ids.videoId, embedded);
    await adoptPackageTextTracks(deps, ids.tenantId, ids.videoId, embedded);
    const tracks = await listTextTracks(deps, ids.tenantId, ids.videoId);
    expect(tracks.map((t) => [t.language, t.origin])).toEqual([
      ['de', 'uploaded'],
      ['es', 'embedded'],
    ]);
    expect(tracks[0]?.id).toBe(uploaded.id);
    const lines = subtitleLines(await deps.read(`${prefix(ids)}master.m3u8`));
    expect(lines.map((line) => /LANGUAGE="([^"]+)"/.exec(line)?.[1])).toEqual(['de', 'es']);
    for (const line of lines) expect(existsSync(path.join(deps.root, prefix(ids), uriOf(line)))).toBe(true);
  });

  it('a new package revision replaces the old source’s embedded tracks and keeps uploaded ones', async () => {
    const ids = await insertReadyVideo(database.db);
    const webvtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOld\n';
    await adoptPackageTextTracks(deps, ids.tenantId, ids.videoId, [{ language: 'en', label: 'Old', kind: 'subtitles', isDefault: false, forced: false, webvtt }]);
    await uploadTextTrack(deps, { ...ids, content: SRT, language: 'fr' });
    await database.db.updateTable('videos').set({ package_revision: 2, duration_seconds: 9 }).where('id', '=', ids.videoId).execute();
    await adoptPackageTextTracks(deps, ids.tenantId, ids.videoId, []);
    const tracks = await listTextTracks(deps, ids.tenantId, ids.videoId);
    expect(tracks.map((t) => t.language)).toEqual(['fr']);
    const [line] = subtitleLines(await deps.read(`${prefix(ids)}master.m3u8`));
    // Cut again for the new package's 9 seconds: two segments.
    expect((await deps.read(`${prefix(ids)}${uriOf(line)}`)).match(/\.vtt/g)).toHaveLength(2);
  });
});
