// apply-custom-domain: re-apply the tenant's stack for its custom delivery domain (certificate, alias, or removal).
import { applyCustomDomain as apply } from '../../domain/tenants/custom-domain-progress.js';
import type { JobHandler } from '../job-handler.js';

export const applyCustomDomain: JobHandler<'apply-custom-domain'> = (job, attempt, { deps }) => apply(deps, job.tenantId, { isLast: attempt.isLast });
