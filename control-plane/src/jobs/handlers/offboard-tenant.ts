// offboard-tenant: destroys a tenant's infrastructure (its CDKTF stack in the aws shape); idempotent.
import { offboardTenant as offboard } from '../../domain/tenants/offboard-tenant.js';
import type { JobHandler } from '../job-handler.js';

export const offboardTenant: JobHandler<'offboard-tenant'> = (job, _attempt, { deps }) => offboard(deps, job.tenantId);
