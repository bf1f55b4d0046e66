// Which waiting job MediaConvert starts next when the cell's queue runs at its concurrency: "the service begins
// processing the job with the highest value first … When more than one job has the same priority, … the job that you
// submitted first" (API reference, CreateJob Priority, -50..50; UG "Setting the priority of a job",
// https://docs.aws.amazon.com/mediaconvert/latest/ug/setting-the-priority-of-a-job.html). First come, first served would
// let one tenant's bulk upload hold every slot: each job a tenant already has in flight lowers its next job by one, so
// another tenant's first job overtakes the tenth of a bulk upload, and paying plans start higher.
import type { PlanId } from '../../../domain/billing/plans.js';

const PLAN_BASE: Record<PlanId, number> = { enterprise: 20, pro: 10, free: 0 };
const MIN_PRIORITY = -50;
const MAX_PRIORITY = 50;

export function jobPriority(plan: PlanId, tenantJobsInFlight: number): number {
  return Math.max(MIN_PRIORITY, Math.min(MAX_PRIORITY, PLAN_BASE[plan] - Math.max(0, tenantJobsInFlight)));
}
