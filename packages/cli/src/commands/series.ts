// `ott series …`: series, their seasons, and videos placed in them as episodes (in order).
import { createAdminClient, type ApiClient } from '../api-client.js';
import { CliError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { formatDuration, renderTable } from '../format.js';

type SeriesDetails = Awaited<ReturnType<ApiClient['series']['get']['query']>>;

function describeSeries(series: SeriesDetails): string {
  const header = `${series.title} (${series.id})${series.releaseYear === null ? '' : `, ${series.releaseYear}`}\n`;
  if (series.seasons.length === 0) return `${header}No seasons yet: ott series add-season ${series.id}\n`;
  return (
    header +
    series.seasons
      .map((season) => {
        const title = `Season ${season.number}${season.title ? `: ${season.title}` : ''} (${season.id})\n`;
        if (season.episodes.length === 0) return `${title}  no episodes\n`;
        return (
          title +
          renderTable(
            ['#', 'VIDEO', 'TITLE', 'DURATION'],
            season.episodes.map((episode) => [String(episode.episodeNumber), episode.videoId, episode.title, formatDuration(episode.durationSeconds)]),
          )
        );
      })
      .join('')
  );
}

function printSeries(ctx: { stdout: { write(text: string): unknown } }, series: SeriesDetails, json: boolean | undefined): number {
  ctx.stdout.write(json ? `${JSON.stringify(series, null, 2)}\n` : describeSeries(series));
  return 0;
}

function wholeNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text)) throw new CliError(`${flag} is a whole number (not "${text}").`);
  return Number(text);
}

const json = { type: 'boolean', help: 'print the series as JSON' } as const;

export const seriesListCommand = defineCommand({
  name: 'series list',
  summary: 'List series, newest first',
  flags: { json: { type: 'boolean', help: 'print them as JSON' } },
  examples: ['ott series list'],
  async run({ flags }, ctx) {
    const page = await createAdminClient(ctx).series.list.query({ limit: 200 });
    if (flags.json) ctx.stdout.write(`${JSON.stringify(page.data, null, 2)}\n`);
    else if (page.data.length === 0) ctx.stdout.write('No series yet: ott series create --title "…"\n');
    else
      ctx.stdout.write(
        renderTable(
          ['ID', 'TITLE', 'SEASONS', 'EPISODES'],
          page.data.map((series) => [series.id, series.title, String(series.seasonCount), String(series.episodeCount)]),
        ),
      );
    return 0;
  },
});

export const seriesCreateCommand = defineCommand({
  name: 'series create',
  summary: 'Create a series',
  flags: {
    title: { type: 'string', value: '<title>', help: 'the series title (required)' },
    description: { type: 'string', value: '<text>', help: 'what it is about' },
    category: { type: 'string', value: '<name>', multiple: true, help: 'a category or genre' },
    json,
  },
  examples: ['ott series create --title "The Office" --category Comedy'],
  async run({ flags }, ctx) {
    if (!flags.title) throw new CliError('--title is required.');
    const series = await createAdminClient(ctx).series.create.mutate({ title: flags.title, description: flags.description, categories: flags.category });
    if (flags.json) return printSeries(ctx, series, true);
    ctx.stdout.write(`${series.id}\n`);
    return 0;
  },
});

export const seriesShowCommand = defineCommand({
  name: 'series show',
  summary: 'Show a series with its seasons and episodes in order',
  positionals: ['<series-id>'],
  flags: { json },
  examples: ['ott series show "$series"'],
  async run({ flags, positionals }, ctx) {
    return printSeries(ctx, await createAdminClient(ctx).series.get.query({ seriesId: positionals[0] ?? '' }), flags.json);
  },
});

export const seriesAddSeasonCommand = defineCommand({
  name: 'series add-season',
  summary: 'Add a season (numbered after the last unless --number is given)',
  positionals: ['<series-id>'],
  flags: { number: { type: 'string', value: '<n>', help: 'the season number' }, title: { type: 'string', value: '<title>', help: 'a title for the season' }, json },
  examples: ['ott series add-season "$series"', 'ott series add-season "$series" --number 0 --title Specials'],
  async run({ flags, positionals }, ctx) {
    const series = await createAdminClient(ctx).series.addSeason.mutate({ seriesId: positionals[0] ?? '', number: wholeNumber(flags.number, '--number'), title: flags.title });
    return printSeries(ctx, series, flags.json);
  },
});

export const seriesUpdateSeasonCommand = defineCommand({
  name: 'series update-season',
  summary: 'Renumber or rename a season',
  positionals: ['<season-id>'],
  flags: { number: { type: 'string', value: '<n>', help: 'the new season number' }, title: { type: 'string', value: '<title>', help: 'the new title ("" clears it)' }, json },
  examples: ['ott series update-season "$season" --title "Book One"', 'ott series update-season "$season" --number 0'],
  async run({ flags, positionals }, ctx) {
    if (flags.number === undefined && flags.title === undefined) throw new CliError('Give --number or --title (or both): nothing to change.');
    const series = await createAdminClient(ctx).series.updateSeason.mutate({ seasonId: positionals[0] ?? '', number: wholeNumber(flags.number, '--number'), title: flags.title });
    return printSeries(ctx, series, flags.json);
  },
});

export const seriesReorderEpisodesCommand = defineCommand({
  name: 'series reorder-episodes',
  summary: 'Put a season’s episodes in a new order (numbered from 1)',
  positionals: ['<season-id>'],
  flags: { video: { type: 'string', value: '<video-id>', multiple: true, help: 'every episode’s video, once, in the new order' }, json },
  examples: ['ott series reorder-episodes "$season" --video "$pilot" --video "$second"'],
  async run({ flags, positionals }, ctx) {
    if (!flags.video?.length) throw new CliError('Give every episode’s video once, in the new order: --video <id> --video <id> …');
    const series = await createAdminClient(ctx).series.reorderEpisodes.mutate({ seasonId: positionals[0] ?? '', videoIds: flags.video });
    return printSeries(ctx, series, flags.json);
  },
});

export const seriesAddEpisodeCommand = defineCommand({
  name: 'series add-episode',
  summary: 'Place a video in a season as an episode (or move it there within its series)',
  positionals: ['<season-id>', '<video-id>'],
  flags: { number: { type: 'string', value: '<n>', help: 'the episode number (later episodes move down); the end when left out' }, json },
  examples: ['ott series add-episode "$season" "$video"', 'ott series add-episode "$season" "$video" --number 1'],
  async run({ flags, positionals }, ctx) {
    const [seasonId = '', videoId = ''] = positionals;
    const series = await createAdminClient(ctx).series.placeEpisode.mutate({ seasonId, videoId, episodeNumber: wholeNumber(flags.number, '--number') });
    return printSeries(ctx, series, flags.json);
  },
});

export const seriesRemoveEpisodeCommand = defineCommand({
  name: 'series remove-episode',
  summary: 'Take a video out of its series (it stays in the library)',
  positionals: ['<video-id>'],
  flags: { json },
  examples: ['ott series remove-episode "$video"'],
  async run({ flags, positionals }, ctx) {
    return printSeries(ctx, await createAdminClient(ctx).series.removeEpisode.mutate({ videoId: positionals[0] ?? '' }), flags.json);
  },
});

export const seriesDeleteCommand = defineCommand({
  name: 'series delete',
  summary: 'Delete a series and its seasons (the videos stay in the library)',
  positionals: ['<series-id>'],
  flags: {},
  examples: ['ott series delete "$series"'],
  async run({ positionals }, ctx) {
    const seriesId = positionals[0] ?? '';
    await createAdminClient(ctx).series.delete.mutate({ seriesId });
    ctx.stdout.write(`Deleted the series ${seriesId}; its videos stay in the library.\n`);
    return 0;
  },
});
