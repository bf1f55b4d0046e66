// One run of the provisioner: what the worker asks (apply or destroy one tenant's stack) and what the run reports back.
// The request travels in the task's environment (RunTask overrides), the result as a JSON object in the state bucket
// under provisioner-results/ (the worker may read that prefix, never the state beside it).
import { PROVISIONER_RESULTS_PREFIX, tenantSchema, type TenantStackOutputs } from '@ott/tenant-infra';
import { z } from 'zod';

export const stackRunRequestSchema = z.object({
  action: z.enum(['apply', 'destroy']),
  /** Names the result object: a retried job's new run never reads an older run's result. */
  runId: z.string().regex(/^[a-z0-9-]{8,64}$/),
  cellId: z.string(),
  tenant: tenantSchema,
});

export type StackRunRequest = z.infer<typeof stackRunRequestSchema>;

/** Where a run's steps fail: the operator's log names it, the tenant never sees it. */
export type StackRunStep = 'synth' | 'init' | 'apply' | 'output' | 'destroy';

export type StackRunResult =
  { runId: string; ok: true; action: 'apply'; outputs: TenantStackOutputs } | { runId: string; ok: true; action: 'destroy' } | { runId: string; ok: false; step: StackRunStep; detail: string };

export function stackRunResultKey(request: Pick<StackRunRequest, 'runId' | 'tenant'>): string {
  return `${PROVISIONER_RESULTS_PREFIX}${request.tenant.id}/${request.runId}.json`;
}

/** How long a runner waits for one run: the provisioner task's wait for the state lock (run-tenant-stack.ts, 30 minutes) and a CloudFront apply. */
export const STACK_RUN_DEADLINE_MS = 80 * 60_000;

/**
 * Expiry of every job that runs a tenant stack: longer than the runner's deadline (plus reading the result and recording
 * the outputs), or pg-boss would hand the same tenant to a second worker mid-apply.
 */
export const STACK_JOB_EXPIRY_SECONDS = STACK_RUN_DEADLINE_MS / 1000 + 10 * 60;

/** Applies or destroys one tenant stack somewhere (a Fargate task, or this process on an operator's machine). */
export interface StackRunner {
  run(request: StackRunRequest): Promise<StackRunResult>;
}

/**
 * A run that could not report (never started, stopped before writing its result, timed out): worth retrying, unlike a
 * failed apply, which reports its own step and detail.
 */
export class StackRunUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackRunUnavailableError';
  }
}
