// `ott catalogue get|set|search`: a video's catalogue metadata, and search across the catalogue. `set` changes only
// the fields named on the command line; the server checks the limits (CATALOGUE_LIMITS) and names what is wrong.
import type { Credit } from '@ott/contracts';
import { createAdminClient } from '../api-client.js';
import { CliError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { renderFields, renderTable } from '../format.js';

export const catalogueGetCommand = defineCommand({
  name: 'catalogue get',
  summary: 'Show a video’s catalogue metadata (categories, tags, year, rating, credits, custom fields)',
  positionals: ['<video-id>'],
  flags: { json: { type: 'boolean', help: 'print it as JSON' } },
  examples: ['ott catalogue get "$id"'],
  async run({ flags, positionals }, ctx) {
    const metadata = await createAdminClient(ctx).catalogue.metadata.query({ videoId: positionals[0] ?? '' });
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(metadata, null, 2)}\n`);
      return 0;
    }
    const fields: [string, string][] = [
      ['categories', metadata.categories.join(', ')],
      ['tags', metadata.tags.join(', ')],
      ['year', metadata.releaseYear === null ? '' : String(metadata.releaseYear)],
      ['rating', metadata.maturityRating ?? ''],
      ...metadata.credits.map((credit): [string, string] => [credit.role.toLowerCase(), credit.name]),
      ...Object.entries(metadata.customFields),
    ];
    if (metadata.episode) fields.push(['episode', `${metadata.episode.seriesTitle} S${metadata.episode.seasonNumber}E${metadata.episode.episodeNumber}`]);
    ctx.stdout.write(renderFields(fields.filter(([, value]) => value !== '')));
    return 0;
  },
});

export const catalogueSetCommand = defineCommand({
  name: 'catalogue set',
  summary: 'Change a video’s catalogue metadata (only the fields given)',
  positionals: ['<video-id>'],
  description: [
    'Repeat --category, --tag, --credit and --field for several; giving one replaces that whole list.',
    '--credit is "Role: Name", in the order given. --field is key=value. --year none and --rating none clear them.',
  ],
  flags: {
    category: { type: 'string', value: '<name>', multiple: true, help: 'a category or genre (replaces the list)' },
    tag: { type: 'string', value: '<tag>', multiple: true, help: 'a tag (replaces the list)' },
    year: { type: 'string', value: '<year|none>', help: 'the release year' },
    rating: { type: 'string', value: '<label|none>', help: 'the maturity rating, e.g. PG-13' },
    credit: { type: 'string', value: '<role: name>', multiple: true, help: 'a credit (replaces the list)' },
    field: { type: 'string', value: '<key=value>', multiple: true, help: 'a custom field (replaces them all)' },
    json: { type: 'boolean', help: 'print the result as JSON' },
  },
  examples: ['ott catalogue set "$id" --category Drama --category Sci-fi --year 2014 --rating PG-13', 'ott catalogue set "$id" --credit "Director: Christopher Nolan" --field studio=Syncopy'],
  async run({ flags, positionals }, ctx) {
    const videoId = positionals[0] ?? '';
    const changes = {
      ...(flags.category ? { categories: flags.category } : {}),
      ...(flags.tag ? { tags: flags.tag } : {}),
      ...(flags.year !== undefined ? { releaseYear: parseYear(flags.year) } : {}),
      ...(flags.rating !== undefined ? { maturityRating: flags.rating === 'none' ? null : flags.rating } : {}),
      ...(flags.credit ? { credits: flags.credit.map(parseCredit) } : {}),
      ...(flags.field ? { customFields: Object.fromEntries(flags.field.map(parseField)) } : {}),
    };
    if (Object.keys(changes).length === 0) throw new CliError('Nothing to change: give at least one of --category, --tag, --year, --rating, --credit, --field.');
    const kept = await createAdminClient(ctx).catalogue.setMetadata.mutate({ videoId, ...changes });
    ctx.stdout.write(flags.json ? `${JSON.stringify(kept, null, 2)}\n` : `Updated the catalogue metadata of ${videoId}.\n`);
    return 0;
  },
});

export const catalogueSearchCommand = defineCommand({
  name: 'catalogue search',
  summary: 'Search films, episodes and series (a typo still finds the title)',
  positionals: ['[words]'],
  flags: {
    category: { type: 'string', value: '<name>', multiple: true, help: 'only titles in this category (repeat for any of several)' },
    'year-from': { type: 'string', value: '<year>', help: 'released in or after this year' },
    'year-to': { type: 'string', value: '<year>', help: 'released in or before this year' },
    type: { type: 'string', value: '<film|series|episode>', help: 'only this kind of title' },
    limit: { type: 'string', value: '<n>', help: 'how many to show (default 20, at most 200)' },
    json: { type: 'boolean', help: 'print the results as JSON' },
  },
  examples: [
    'ott catalogue search intersteller',
    'ott catalogue search "the godfahter"',
    'ott catalogue search --type series --category Comedy',
    'ott catalogue search --year-from 1970 --year-to 1979',
  ],
  async run({ flags, positionals }, ctx) {
    const type = flags.type;
    if (type !== undefined && type !== 'film' && type !== 'series' && type !== 'episode') throw new CliError(`--type is film, series or episode (not "${type}").`);
    const page = await createAdminClient(ctx).catalogue.search.query({
      query: positionals.join(' ') || undefined,
      categories: flags.category,
      yearFrom: flags['year-from'] === undefined ? undefined : (parseYear(flags['year-from'], '--year-from') ?? undefined),
      yearTo: flags['year-to'] === undefined ? undefined : (parseYear(flags['year-to'], '--year-to') ?? undefined),
      type,
      limit: flags.limit === undefined ? 20 : parseCount(flags.limit),
    });
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(page.data, null, 2)}\n`);
      return 0;
    }
    if (page.data.length === 0) {
      ctx.stdout.write('No titles found.\n');
      return 0;
    }
    const rows = page.data.map((hit) => [
      hit.id,
      hit.type,
      hit.episode ? `${hit.title} (${hit.episode.seriesTitle} S${hit.episode.seasonNumber}E${hit.episode.episodeNumber})` : hit.title,
      hit.releaseYear === null ? '' : String(hit.releaseYear),
      hit.categories.join(', '),
    ]);
    ctx.stdout.write(renderTable(['ID', 'TYPE', 'TITLE', 'YEAR', 'CATEGORIES'], rows));
    return 0;
  },
});

function parseYear(text: string, flag = '--year'): number | null {
  if (text === 'none') return null;
  if (!/^\d{1,4}$/.test(text)) throw new CliError(`${flag} is a year such as 2014 (not "${text}")${flag === '--year' ? ', or none to clear it' : ''}.`);
  return Number(text);
}

function parseCount(text: string): number {
  const count = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(count >= 1 && count <= 200)) throw new CliError(`--limit is a number from 1 to 200 (not "${text}").`);
  return count;
}

function parseCredit(text: string): Credit {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) throw new CliError(`--credit is "Role: Name", e.g. "Director: Agnès Varda" (not "${text}").`);
  return { role: text.slice(0, colon).trim(), name: text.slice(colon + 1).trim() };
}

function parseField(text: string): [string, string] {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new CliError(`--field is key=value, e.g. studio=Ghibli (not "${text}").`);
  return [text.slice(0, equals).trim(), text.slice(equals + 1)];
}
