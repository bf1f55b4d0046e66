// check-custom-domain: the tenant's "Check now": ACM and DNS, one step forward if they allow it.
import { checkCustomDomain as check } from '../../domain/tenants/custom-domain-progress.js';
import type { JobHandler } from '../job-handler.js';

export const checkCustomDomain: JobHandler<'check-custom-domain'> = (job, _attempt, { deps }) => check(deps, job.tenantId);
