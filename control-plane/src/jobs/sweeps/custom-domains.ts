// Custom delivery domains on their way (certificate awaiting DNS validation, DNS not yet pointing at the CDN) and
// active ones (whose DNS may change): every worker checks them on a timer; each check is idempotent.
import type { DomainDeps } from '../../domain/deps.js';
import { checkCustomDomains } from '../../domain/tenants/custom-domain-progress.js';
import type { Logger } from '../../ports.js';

/** ACM keeps trying for 72 hours and DNS changes take minutes to hours: a few minutes between checks is enough. */
export const CUSTOM_DOMAIN_CHECK_SECONDS = 180;

export async function sweepCustomDomains(deps: DomainDeps, log: Logger): Promise<void> {
  if (!deps.customDomains) return;
  await checkCustomDomains(deps).then(
    ({ failed }) => {
      for (const { tenantId, error } of failed) log.warn({ tenantId, err: error }, 'custom domain check failed; trying again next sweep');
    },
    (error: unknown) => log.warn({ err: error }, 'custom domain sweep failed; trying again next sweep'),
  );
}
