// `ott catalogue`, `ott series` and `ott collections` as a user runs them against the platform's real processes:
// metadata set and read back, a series with episodes reordered and its season renamed, a collection in order, and a
// search with a typo.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { runOtt, type OttAnswer } from '../support/ott-command.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-catalogue-cli-'));
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
});
afterAll(async () => {
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function ott(...args: string[]): Promise<OttAnswer> {
  return runOtt({ apiUrl: platform.apiUrl, dataDir }, args);
}

async function ok(...args: string[]): Promise<string> {
  const answer = await ott(...args);
  expect(answer.code, `ott ${args.join(' ')}: ${answer.stderr}`).toBe(0);
  return answer.stdout;
}

it('sets metadata, builds a series and a collection, and finds a title with a typo', async () => {
  await ok('signup', '--company', 'Catalogue Co', '--slug', 'catalogue-co', '--email', 'owner@catalogue.example', '--wait');
  const clip = await makeClip(path.join(dataDir, 'clip.mp4'), { seconds: 1, width: 320, height: 240 });
  const film = (await ok('upload', clip, '--title', 'The Godfather')).trim();
  const episode = (await ok('upload', clip, '--title', 'Pilot')).trim();

  await ok('catalogue', 'set', film, '--category', 'Crime', '--year', '1972', '--rating', 'R', '--credit', 'Director: Francis Ford Coppola', '--field', 'studio=Paramount');
  expect(await ok('catalogue', 'get', film)).toMatch(/categories\s+Crime[\s\S]*year\s+1972[\s\S]*rating\s+R[\s\S]*director\s+Francis Ford Coppola[\s\S]*studio\s+Paramount/);
  const refused = await ott('catalogue', 'set', film, '--year', '1066');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('between 1870 and 2200');

  const series = (await ok('series', 'create', '--title', 'The Office', '--category', 'Comedy')).trim();
  const withSeason = JSON.parse(await ok('series', 'add-season', series, '--json')) as { seasons: { id: string }[] };
  const season = withSeason.seasons[0]!.id;
  await ok('series', 'add-episode', season, episode);
  expect(await ok('series', 'show', series)).toMatch(/Season 1[\s\S]*1\s+\S+\s+Pilot/);
  const second = (await ok('upload', clip, '--title', 'Diversity Day')).trim();
  await ok('series', 'add-episode', season, second);
  expect(await ok('series', 'reorder-episodes', season, '--video', second, '--video', episode)).toMatch(/1\s+\S+\s+Diversity Day[\s\S]*2\s+\S+\s+Pilot/);
  expect((await ott('series', 'reorder-episodes', season, '--video', episode)).stderr).toContain('must name every one of the 2 episodes of the season once (1 named)');
  expect(await ok('series', 'update-season', season, '--title', 'Year One')).toMatch(/^Season 1: Year One/m);

  const collection = (await ok('collections', 'create', '--title', 'Staff picks')).trim();
  await ok('collections', 'add', collection, '--video', film);
  expect(await ok('collections', 'add', collection, '--series', series, '--position', '1')).toMatch(/1\s+\S+\s+series\s+The Office[\s\S]*2\s+\S+\s+film\s+The Godfather/);
  expect(await ok('collections', 'list')).toMatch(/1\s+\S+\s+staff-picks\s+Staff picks\s+2/);

  const found = JSON.parse(await ok('catalogue', 'search', 'godfahter', '--json')) as { id: string }[];
  expect(found.map((hit) => hit.id)).toEqual([film]);
  expect(await ok('catalogue', 'search', '--type', 'episode')).toMatch(/Pilot \(The Office S1E2\)/);
});
