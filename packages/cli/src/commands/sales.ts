// `ott sales status|offers|create-offer|archive-offer|report`: selling to viewers through the workspace's own Stripe
// account — the account's state and the platform's share, the offers on sale, and what they earned.
import { formatMinorUnits, minorDigits } from '@ott/contracts';
import { createAdminClient } from '../api-client.js';
import { UsageError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { renderFields, renderTable } from '../format.js';

type AdminClient = ReturnType<typeof createAdminClient>;
type Offer = Awaited<ReturnType<AdminClient['sales']['offers']['query']>>[number];

const STATUS = {
  'not-connected': 'not connected: connect your Stripe account on the portal’s Sales page',
  pending: 'connected, Stripe still needs details before it takes payments (the portal’s Sales page continues the set-up)',
  'charges-enabled': 'taking payments',
  disconnected: 'disconnected: sales are stopped, what viewers bought keeps playing',
} as const;

export const salesStatusCommand = defineCommand({
  name: 'sales status',
  summary: 'Your Stripe account for selling to viewers, and the platform’s share of each sale',
  flags: { json: { type: 'boolean', help: 'print the answer as JSON' } },
  examples: ['ott sales status'],
  async run({ flags }, ctx) {
    const store = await createAdminClient(ctx).sales.store.query();
    if (flags.json) ctx.stdout.write(`${JSON.stringify(store, null, 2)}\n`);
    else
      ctx.stdout.write(
        renderFields([
          ['Stripe', STATUS[store.status]],
          ['Account', store.accountId ?? '—'],
          ['Platform fee', `${store.feePercent} % of each sale (your plan’s)`],
        ]),
      );
    return 0;
  },
});

/** What an offer gives, in words. */
function describeOffer(offer: Offer): string {
  const price = formatMinorUnits(offer.amount, offer.currency);
  const what = offer.coversEverything ? 'everything' : [plural(offer.videoIds.length, 'title'), plural(offer.collectionIds.length, 'collection')].filter(Boolean).join(' and ');
  const terms =
    offer.kind === 'subscription'
      ? `${price} a ${offer.interval ?? 'month'}${offer.trialDays > 0 ? `, ${offer.trialDays} days free` : ''}`
      : offer.kind === 'rental' && offer.rental
        ? `${price}, ${offer.rental.watchHours} h to finish once started, ${offer.rental.startDays} days to start`
        : `${price}, to keep`;
  return `${terms}; ${what}${offer.maxHeight === null ? '' : `; up to ${offer.maxHeight}p`}`;
}

const plural = (count: number, noun: string) => (count === 0 ? '' : `${count} ${noun}${count === 1 ? '' : 's'}`);

export const salesOffersCommand = defineCommand({
  name: 'sales offers',
  summary: 'The offers viewers can buy',
  flags: { json: { type: 'boolean', help: 'print the answer as JSON' } },
  examples: ['ott sales offers'],
  async run({ flags }, ctx) {
    const offers = await createAdminClient(ctx).sales.offers.query();
    if (flags.json) ctx.stdout.write(`${JSON.stringify(offers, null, 2)}\n`);
    else if (offers.length === 0) ctx.stdout.write('No offers yet: ott sales create-offer --help says how to make one.\n');
    else
      ctx.stdout.write(
        renderTable(
          ['ID', 'KIND', 'NAME', 'TERMS'],
          offers.map((offer) => [offer.id, offer.kind, offer.name, describeOffer(offer)]),
        ),
      );
    return 0;
  },
});

const CREATE = 'sales create-offer';

export const salesCreateOfferCommand = defineCommand({
  name: CREATE,
  summary: 'Put a subscription, rental, purchase or bundle on sale',
  description: [
    'The price is in the currency’s own units (4.99, not 499). Say what it unlocks with --everything, --videos or --collections.',
    'A rental gives --watch-hours to finish once started and --start-days to start; a subscription renews every --interval.',
  ],
  flags: {
    kind: { type: 'string', value: '<subscription|rental|purchase|bundle>', help: 'what the viewer buys' },
    name: { type: 'string', value: '<text>', help: 'what viewers read on the paywall and their receipt' },
    price: { type: 'string', value: '<amount>', help: 'e.g. 4.99' },
    currency: { type: 'string', value: '<code>', help: 'ISO 4217, e.g. usd, eur' },
    interval: { type: 'string', value: '<month|year>', help: 'subscriptions: how often it renews' },
    'trial-days': { type: 'string', value: '<n>', help: 'subscriptions: free days first' },
    'start-days': { type: 'string', value: '<n>', help: 'rentals: days to start watching' },
    'watch-hours': { type: 'string', value: '<n>', help: 'rentals: hours to finish once started' },
    everything: { type: 'boolean', help: 'it unlocks every title' },
    videos: { type: 'string', value: '<ids>', help: 'comma-separated video ids it unlocks' },
    collections: { type: 'string', value: '<ids>', help: 'comma-separated collection ids it unlocks (a tier, a bundle)' },
    'max-height': { type: 'string', value: '<1080>', help: 'stop at HD (1080); leave out for every rung, 4K included' },
    json: { type: 'boolean', help: 'print the answer as JSON' },
  },
  examples: [
    'ott sales create-offer --kind rental --name "Rent Arrival" --price 3.99 --currency usd --videos "$id" --watch-hours 48 --start-days 30',
    'ott sales create-offer --kind subscription --name "All films" --price 9 --currency eur --interval month --trial-days 7 --everything',
  ],
  async run({ flags }, ctx) {
    const kind = flags.kind;
    if (kind !== 'subscription' && kind !== 'rental' && kind !== 'purchase' && kind !== 'bundle') throw new UsageError('--kind must be subscription, rental, purchase or bundle', CREATE);
    if (!flags.name) throw new UsageError('--name is required: viewers read it on the paywall', CREATE);
    if (!flags.currency) throw new UsageError('--currency is required, e.g. usd or eur', CREATE);
    const amount = priceInMinorUnits(flags.price, flags.currency);
    const interval = flags.interval;
    if (interval !== undefined && interval !== 'month' && interval !== 'year') throw new UsageError('--interval must be month or year', CREATE);
    const rental =
      flags['start-days'] !== undefined || flags['watch-hours'] !== undefined
        ? { startDays: count(flags['start-days'] ?? '30', '--start-days'), watchHours: count(flags['watch-hours'] ?? '48', '--watch-hours') }
        : undefined;
    const offer = await createAdminClient(ctx).sales.createOffer.mutate({
      kind,
      name: flags.name,
      amount,
      currency: flags.currency,
      ...(interval ? { interval } : {}),
      ...(flags['trial-days'] !== undefined ? { trialDays: count(flags['trial-days'], '--trial-days') } : {}),
      ...(flags.everything ? { coversEverything: true } : {}),
      ...(flags.videos !== undefined ? { videoIds: ids(flags.videos) } : {}),
      ...(flags.collections !== undefined ? { collectionIds: ids(flags.collections) } : {}),
      ...(flags['max-height'] !== undefined ? { maxHeight: count(flags['max-height'], '--max-height') } : {}),
      ...(rental ? { rental } : {}),
    });
    ctx.stdout.write(flags.json ? `${JSON.stringify(offer, null, 2)}\n` : `Offer ${offer.id} on sale: ${offer.name} — ${describeOffer(offer)}\n`);
    return 0;
  },
});

/** "4.99" in USD is 499; the currency's own decimals, no more. */
function priceInMinorUnits(price: string | undefined, currency: string): number {
  const digits = minorDigits(currency);
  const match = price === undefined ? null : /^(\d{1,9})(?:\.(\d+))?$/.exec(price.trim());
  if (!match || (match[2]?.length ?? 0) > digits)
    throw new UsageError(`--price must be an amount in ${currency.toUpperCase()} with at most ${digits} decimals, such as ${digits ? '4.99' : '500'} (got "${price ?? ''}")`, CREATE);
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
}

function count(value: string, flag: string): number {
  if (!/^\d{1,6}$/.test(value.trim())) throw new UsageError(`${flag} must be a whole number (got "${value}")`, CREATE);
  return Number(value);
}

const ids = (list: string) =>
  list
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

export const salesArchiveOfferCommand = defineCommand({
  name: 'sales archive-offer',
  summary: 'Stop selling an offer (what viewers bought keeps playing)',
  positionals: ['<offer-id>'],
  examples: ['ott sales archive-offer "$offer"'],
  flags: {},
  async run({ positionals }, ctx) {
    await createAdminClient(ctx).sales.archiveOffer.mutate({ offerId: positionals[0] ?? '' });
    ctx.stdout.write(`Offer ${positionals[0] ?? ''} is no longer on sale; what viewers bought keeps playing.\n`);
    return 0;
  },
});

export const salesReportCommand = defineCommand({
  name: 'sales report',
  summary: 'Revenue, platform fees, subscribers, rentals and purchases by title',
  flags: {
    days: { type: 'string', value: '<n>', help: 'the last n days (30 unless given; at most 366)' },
    json: { type: 'boolean', help: 'print the answer as JSON' },
  },
  examples: ['ott sales report', 'ott sales report --days 7 --json'],
  async run({ flags }, ctx) {
    const days = flags.days === undefined ? 30 : Number(flags.days);
    if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError(`--days must be a whole number from 1 to 366 (got "${flags.days ?? ''}")`, 'sales report');
    const to = new Date();
    const report = await createAdminClient(ctx).sales.report.query({ from: new Date(to.getTime() - days * 86_400_000), to });
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const { subscribers } = report;
    ctx.stdout.write(`Last ${days} days (platform fee ${report.feePercent} %)\n`);
    ctx.stdout.write(
      report.money.length === 0
        ? 'No sales.\n'
        : renderTable(
            ['CURRENCY', 'REVENUE', 'REFUNDS', 'PLATFORM FEES', 'NET'],
            report.money.map((line) => [
              line.currency.toUpperCase(),
              ...[line.revenue, line.refunds].map((amount) => formatMinorUnits(amount, line.currency)),
              `${formatMinorUnits(line.platformFees, line.currency)}${line.estimatedPlatformFees === 0 ? '' : ` (${formatMinorUnits(line.estimatedPlatformFees, line.currency)} estimated)`}`,
              formatMinorUnits(line.net, line.currency),
            ]),
          ),
    );
    if (report.money.some((line) => line.estimatedPlatformFees !== 0)) ctx.stdout.write(`Estimated fees: the plan's ${report.feePercent} % of payments whose actual fee Stripe did not report.\n`);
    ctx.stdout.write(`Subscribers: ${subscribers.active} active, ${subscribers.trialing} in a trial, ${subscribers.pastDue} past due, ${subscribers.churned} churned\n`);
    if (report.titles.length > 0)
      ctx.stdout.write(
        renderTable(
          ['VIDEO', 'TITLE', 'RENTALS', 'PURCHASES'],
          report.titles.map((title) => [title.videoId, title.title, String(title.rentals), String(title.purchases)]),
        ),
      );
    return 0;
  },
});
