// Raw analytics events past their keeping time, and finished days' hashing salts, are deleted hourly by every
// worker (deletes are idempotent: sweeps running at once only share the work).
import { purgeAnalytics } from '../../domain/analytics/purge-analytics.js';
import type { DomainDeps } from '../../domain/deps.js';
import type { Logger } from '../../ports.js';

export async function sweepAnalytics(deps: DomainDeps, rawRetentionDays: number, log: Logger): Promise<void> {
  await purgeAnalytics(deps, rawRetentionDays).then(
    (purged) => {
      if (purged.events > 0) log.info(`purged ${purged.events} analytics event(s) older than ${rawRetentionDays} days`);
    },
    (error: unknown) => log.warn({ err: error }, 'analytics purge failed; trying again next hour'),
  );
}
