// provision-tenant: the tenant's storage, signing keys and viewer pool (a CDKTF stack in the aws shape); idempotent.
import { provisionTenant as provision } from '../../domain/tenants/provision-tenant.js';
import type { JobHandler } from '../job-handler.js';

export const provisionTenant: JobHandler<'provision-tenant'> = (job, attempt, { deps, log }) => provision(deps, job.tenantId, { isLast: attempt.isLast }, log);
