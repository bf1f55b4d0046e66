// One tenant's bulk upload must not starve the others. MediaConvert runs a queue's jobs up to its concurrency and then
// "begins processing the job with the highest value [Priority] first … When more than one job has the same priority,
// … the job that you submitted first" (API reference, CreateJob Priority). This simulates exactly that rule over the
// priorities job-priority.ts gives, on a timeline where tenant A uploads 40 films at once and tenant B one film later.
import { describe, expect, it } from 'vitest';
import { jobPriority } from '../../src/adapters/aws/mediaconvert/job-priority.js';
import type { PlanId } from '../../src/domain/billing/plans.js';

interface Submission {
  tenant: string;
  plan: PlanId;
  at: number;
}

/** Minutes each job waits before MediaConvert starts it: `slots` concurrent jobs of `minutes` each. */
function waits(submissions: readonly Submission[], slots: number, minutes: number, priorityOf: (plan: PlanId, inFlight: number) => number): number[] {
  const finishAt: { tenant: string; at: number }[] = [];
  const queued = submissions.map((submission, order) => {
    // In flight when submitted: the tenant's earlier jobs not yet finished (started or waiting).
    const earlier = submissions.slice(0, order).filter((other, index) => other.tenant === submission.tenant && (finishAt[index]?.at ?? Infinity) > submission.at);
    return { ...submission, order, priority: priorityOf(submission.plan, earlier.length), startedAt: -1 };
  });
  const running: number[] = [];
  for (let now = 0; queued.some((job) => job.startedAt < 0); now += 1) {
    for (let i = running.length - 1; i >= 0; i -= 1) if ((running[i] ?? 0) <= now) running.splice(i, 1);
    const waiting = queued.filter((job) => job.startedAt < 0 && job.at <= now).sort((a, b) => b.priority - a.priority || a.at - b.at || a.order - b.order);
    for (const job of waiting.slice(0, slots - running.length)) {
      job.startedAt = now;
      running.push(now + minutes);
      finishAt[job.order] = { tenant: job.tenant, at: now + minutes };
    }
  }
  return queued.map((job) => job.startedAt - job.at);
}

const bulk: Submission[] = Array.from({ length: 40 }, () => ({ tenant: 'a', plan: 'free', at: 0 }));

describe('MediaConvert job priority', () => {
  it("starts another tenant's single film at the next free slot, not behind a 40-film bulk upload", () => {
    const timeline = [...bulk, { tenant: 'b', plan: 'free' as const, at: 1 }];
    const bWait = waits(timeline, 10, 20, jobPriority).at(-1);
    expect(bWait).toBe(19);
    // First come, first served (every job at the default priority 0, as before) makes B wait for three more rounds.
    expect(waits(timeline, 10, 20, () => 0).at(-1)).toBe(79);
  });

  it("ranks paying plans first, and stays inside MediaConvert's -50..50 however many jobs a tenant has", () => {
    expect(jobPriority('enterprise', 0)).toBeGreaterThan(jobPriority('pro', 0));
    expect(jobPriority('pro', 0)).toBeGreaterThan(jobPriority('free', 0));
    expect(jobPriority('free', 500)).toBe(-50);
    expect(jobPriority('enterprise', 0)).toBeLessThanOrEqual(50);
  });
});
