// A video's availability, set by its tenant: the publish window and the country rule that playback.authorize and
// the sharing pages enforce (domain/playback/title-availability.ts). Saved whole: what is not given is cleared.
import { countryCodeProblem, type CountryCode, type CountryRule, type VideoAvailability, type VideoAvailabilityFields } from '@ott/contracts';
import type { Video } from '../../db/schema.js';
import type { DomainDeps } from '../deps.js';
import { invalid } from '../errors.js';
import { availabilityState, formatUtc } from '../playback/title-availability.js';
import { videoOfTenant } from './video-access.js';

export interface AvailabilityChange {
  publishAt: Date | null;
  unpublishAt: Date | null;
  countryRule: { mode: 'allow' | 'deny'; countries: readonly string[] } | null;
}

export async function getAvailability(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string): Promise<VideoAvailability> {
  return availabilityView(await videoOfTenant(deps, tenantId, videoId), deps.clock.now());
}

export async function setAvailability(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string, change: AvailabilityChange): Promise<VideoAvailability> {
  await videoOfTenant(deps, tenantId, videoId);
  const countries = checkedCountries(change.countryRule);
  if (change.publishAt && change.unpublishAt && change.unpublishAt <= change.publishAt) {
    throw invalid(`The end of availability (${formatUtc(change.unpublishAt)}) must come after its start (${formatUtc(change.publishAt)}).`);
  }
  const video = await deps.db
    .updateTable('videos')
    .set({ publish_at: change.publishAt, unpublish_at: change.unpublishAt, country_rule: change.countryRule?.mode ?? null, countries, updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return availabilityView(video, deps.clock.now());
}

export function availabilityView(video: Video, now: Date): VideoAvailability {
  return {
    videoId: video.id,
    publishAt: video.publish_at,
    unpublishAt: video.unpublish_at,
    countryRule: countryRuleOf(video),
    state: availabilityState(video, now),
  };
}

/** The same, as the library's rows and reads carry it beside the video's other fields. */
export function availabilityFieldsOf(video: Video, now: Date): VideoAvailabilityFields {
  return { publishAt: video.publish_at, unpublishAt: video.unpublish_at, countryRule: countryRuleOf(video), availability: availabilityState(video, now) };
}

export function countryRuleOf(video: Pick<Video, 'country_rule' | 'countries'>): CountryRule | null {
  return video.country_rule === null ? null : { mode: video.country_rule, countries: video.countries as CountryCode[] };
}

function checkedCountries(rule: AvailabilityChange['countryRule']): string[] {
  if (rule === null) return [];
  const problems = rule.countries.map(countryCodeProblem).filter((problem) => problem !== undefined);
  if (problems.length > 0) throw invalid(problems.join(' '));
  const countries = [...new Set(rule.countries)].sort();
  if (countries.length === 0) {
    throw invalid(
      rule.mode === 'allow'
        ? 'An allow list needs at least one country: with none, nobody could watch. Remove the rule to allow every country.'
        : 'A deny list needs at least one country. Remove the rule to allow every country.',
    );
  }
  return countries;
}
