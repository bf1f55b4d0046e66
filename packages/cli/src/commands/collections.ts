// `ott collections …`: the storefront's curated rows, in order, and the titles in each.
import { createAdminClient, type ApiClient } from '../api-client.js';
import { CliError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { renderTable } from '../format.js';

type CollectionDetails = Awaited<ReturnType<ApiClient['collections']['get']['query']>>;

function describeCollection(collection: CollectionDetails): string {
  const header = `${collection.position}. ${collection.title} (/${collection.slug}, ${collection.id})\n`;
  if (collection.items.length === 0) return `${header}No titles yet: ott collections add ${collection.id} --video <id>\n`;
  return (
    header +
    renderTable(
      ['#', 'ITEM', 'TYPE', 'TITLE'],
      collection.items.map((item) => [String(item.position), item.id, item.type, item.title]),
    )
  );
}

const json = { type: 'boolean', help: 'print the collection as JSON' } as const;

function printCollection(ctx: { stdout: { write(text: string): unknown } }, collection: CollectionDetails, asJson: boolean | undefined): number {
  ctx.stdout.write(asJson ? `${JSON.stringify(collection, null, 2)}\n` : describeCollection(collection));
  return 0;
}

export const collectionsListCommand = defineCommand({
  name: 'collections list',
  summary: 'List collections in storefront order',
  flags: { json: { type: 'boolean', help: 'print them as JSON' } },
  examples: ['ott collections list'],
  async run({ flags }, ctx) {
    const collections = await createAdminClient(ctx).collections.list.query();
    if (flags.json) ctx.stdout.write(`${JSON.stringify(collections, null, 2)}\n`);
    else if (collections.length === 0) ctx.stdout.write('No collections yet: ott collections create --title "…"\n');
    else
      ctx.stdout.write(
        renderTable(
          ['#', 'ID', 'SLUG', 'TITLE', 'TITLES'],
          collections.map((row) => [String(row.position), row.id, row.slug, row.title, String(row.itemCount)]),
        ),
      );
    return 0;
  },
});

export const collectionsCreateCommand = defineCommand({
  name: 'collections create',
  summary: 'Create a collection after the last one',
  flags: {
    title: { type: 'string', value: '<title>', help: 'the row’s title (required)' },
    slug: { type: 'string', value: '<slug>', help: 'its address name (made from the title when left out)' },
    json,
  },
  examples: ['ott collections create --title "Staff picks"'],
  async run({ flags }, ctx) {
    if (!flags.title) throw new CliError('--title is required.');
    const collection = await createAdminClient(ctx).collections.create.mutate({ title: flags.title, slug: flags.slug });
    if (flags.json) return printCollection(ctx, collection, true);
    ctx.stdout.write(`${collection.id}\n`);
    return 0;
  },
});

export const collectionsShowCommand = defineCommand({
  name: 'collections show',
  summary: 'Show a collection’s titles in order',
  positionals: ['<collection-id>'],
  flags: { json },
  examples: ['ott collections show "$collection"'],
  async run({ flags, positionals }, ctx) {
    return printCollection(ctx, await createAdminClient(ctx).collections.get.query({ collectionId: positionals[0] ?? '' }), flags.json);
  },
});

export const collectionsAddCommand = defineCommand({
  name: 'collections add',
  summary: 'Add a film or episode (--video) or a series (--series) to a collection',
  positionals: ['<collection-id>'],
  flags: {
    video: { type: 'string', value: '<video-id>', help: 'a film or an episode' },
    series: { type: 'string', value: '<series-id>', help: 'a series' },
    position: { type: 'string', value: '<n>', help: 'where (later titles move down); the end when left out' },
    json,
  },
  examples: ['ott collections add "$collection" --video "$video"', 'ott collections add "$collection" --series "$series" --position 1'],
  async run({ flags, positionals }, ctx) {
    if ((flags.video === undefined) === (flags.series === undefined)) throw new CliError('Give one of --video and --series.');
    if (flags.position !== undefined && !/^\d{1,4}$/.test(flags.position)) throw new CliError(`--position is a whole number from 1 (not "${flags.position}").`);
    const collection = await createAdminClient(ctx).collections.addItem.mutate({
      collectionId: positionals[0] ?? '',
      videoId: flags.video,
      seriesId: flags.series,
      position: flags.position === undefined ? undefined : Number(flags.position),
    });
    return printCollection(ctx, collection, flags.json);
  },
});

export const collectionsRemoveCommand = defineCommand({
  name: 'collections remove',
  summary: 'Take a title out of a collection (by its item id, as collections show prints it)',
  positionals: ['<collection-id>', '<item-id>'],
  flags: { json },
  examples: ['ott collections remove "$collection" "$item"'],
  async run({ flags, positionals }, ctx) {
    const [collectionId = '', itemId = ''] = positionals;
    return printCollection(ctx, await createAdminClient(ctx).collections.removeItem.mutate({ collectionId, itemId }), flags.json);
  },
});

export const collectionsDeleteCommand = defineCommand({
  name: 'collections delete',
  summary: 'Delete a collection (its titles stay)',
  positionals: ['<collection-id>'],
  flags: {},
  examples: ['ott collections delete "$collection"'],
  async run({ positionals }, ctx) {
    const collectionId = positionals[0] ?? '';
    await createAdminClient(ctx).collections.delete.mutate({ collectionId });
    ctx.stdout.write(`Deleted the collection ${collectionId}.\n`);
    return 0;
  },
});
