// `ott availability get|set <video-id>`: when and where a video may be watched. `set` changes only what its flags
// name and keeps the rest (the API replaces the whole availability, so the current one is read first).
import { COUNTRY_NAMES, countryCodeProblem, isCountryCode } from '@ott/contracts';
import { createAdminClient } from '../api-client.js';
import { UsageError } from '../cli-error.js';
import { defineCommand } from '../command.js';

type Availability = Awaited<ReturnType<ReturnType<typeof createAdminClient>['availability']['get']['query']>>;

const STATES = { scheduled: 'scheduled (not yet published)', available: 'available', expired: 'expired (unpublished)' } as const;

function describeAvailability(availability: Availability): string {
  const named = (code: string) => `${code} (${isCountryCode(code) ? COUNTRY_NAMES[code] : code})`;
  const rule = availability.countryRule;
  const where = rule === null ? 'every country' : `${rule.mode === 'allow' ? 'only in' : 'everywhere but'} ${rule.countries.map(named).join(', ')}`;
  return [
    `Video ${availability.videoId}: ${STATES[availability.state]}`,
    `  from:   ${availability.publishAt === null ? 'as soon as it is ready' : String(availability.publishAt)}`,
    `  until:  ${availability.unpublishAt === null ? 'no end' : String(availability.unpublishAt)}`,
    `  where:  ${where}`,
    '',
  ].join('\n');
}

export const availabilityGetCommand = defineCommand({
  name: 'availability get',
  summary: 'When and where a video may be watched',
  positionals: ['<video-id>'],
  flags: { json: { type: 'boolean', help: 'print the answer as JSON' } },
  examples: ['ott availability get "$id"'],
  async run({ flags, positionals }, ctx) {
    const availability = await createAdminClient(ctx).availability.get.query({ videoId: positionals[0] ?? '' });
    ctx.stdout.write(flags.json ? `${JSON.stringify(availability, null, 2)}\n` : describeAvailability(availability));
    return 0;
  },
});

const NAME = 'availability set';

export const availabilitySetCommand = defineCommand({
  name: NAME,
  summary: 'Set a video’s publish window and country rule',
  positionals: ['<video-id>'],
  description: [
    'Dates are ISO 8601 with a time zone (2027-03-01T09:00:00Z, 2027-03-01T10:00+01:00); "none" removes one.',
    'Countries are ISO 3166-1 alpha-2 codes, comma-separated (GB for the United Kingdom, not UK).',
    'Your own previews in the portal are not bound by the window or the countries.',
  ],
  flags: {
    'publish-at': { type: 'string', value: '<date-time|none>', help: 'viewers may watch from then on' },
    'unpublish-at': { type: 'string', value: '<date-time|none>', help: 'viewers may no longer watch from then on' },
    allow: { type: 'string', value: '<codes>', help: 'only these countries may watch' },
    deny: { type: 'string', value: '<codes>', help: 'every country but these may watch' },
    'all-countries': { type: 'boolean', help: 'remove the country rule' },
    json: { type: 'boolean', help: 'print the answer as JSON' },
  },
  examples: [
    'ott availability set "$id" --publish-at 2027-03-01T09:00:00Z --unpublish-at 2027-06-01T00:00:00Z',
    'ott availability set "$id" --deny DE,AT',
    'ott availability set "$id" --all-countries --publish-at none',
  ],
  async run({ flags, positionals }, ctx) {
    const rules = [flags.allow !== undefined, flags.deny !== undefined, flags['all-countries'] === true].filter(Boolean).length;
    if (rules > 1) throw new UsageError('give one of --allow, --deny and --all-countries', NAME);
    const publishAt = dateFlag(flags['publish-at'], '--publish-at');
    const unpublishAt = dateFlag(flags['unpublish-at'], '--unpublish-at');
    const countryRule =
      flags.allow !== undefined
        ? { mode: 'allow' as const, countries: codes(flags.allow, '--allow') }
        : flags.deny !== undefined
          ? { mode: 'deny' as const, countries: codes(flags.deny, '--deny') }
          : undefined;
    const client = createAdminClient(ctx);
    const videoId = positionals[0] ?? '';
    const current = await client.availability.get.query({ videoId });
    const saved = await client.availability.set.mutate({
      videoId,
      publishAt: publishAt === undefined ? iso(current.publishAt) : publishAt,
      unpublishAt: unpublishAt === undefined ? iso(current.unpublishAt) : unpublishAt,
      countryRule: flags['all-countries'] ? null : (countryRule ?? current.countryRule),
    });
    ctx.stdout.write(flags.json ? `${JSON.stringify(saved, null, 2)}\n` : describeAvailability(saved));
    return 0;
  },
});

/** undefined: not given (kept); null: "none" (removed). */
function dateFlag(value: string | undefined, flag: string): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  // A zone is required: "09:00" alone would be the server's time zone or the laptop's, and nobody would know which.
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(`${flag} must be an ISO 8601 date-time with a time zone, such as 2027-03-01T09:00:00Z, or none (got "${value}")`, NAME);
  return new Date(value).toISOString();
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function codes(value: string, flag: string): string[] {
  const list = value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  if (list.length === 0) throw new UsageError(`${flag} needs at least one country code, such as GB`, NAME);
  const problems = list.map(countryCodeProblem).filter((problem) => problem !== undefined);
  if (problems.length > 0) throw new UsageError(`${flag}: ${problems.join(' ')}`, NAME);
  return list;
}
