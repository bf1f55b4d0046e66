import { describe, expect, it } from 'vitest';
import { QUEUE_SETTINGS } from '../../src/adapters/postgres/pg-boss-queue.js';
import { STACK_RUN_DEADLINE_MS } from '../../src/adapters/aws/provisioner-task/stack-run.js';

describe('jobs that run a tenant stack', () => {
  // Expiring before the runner gives up would hand the same tenant to a second worker while its apply still runs.
  it.each(['provision-tenant', 'offboard-tenant', 'apply-signing-keys', 'apply-custom-domain'] as const)('%s outlives the stack runner’s deadline', (type) => {
    expect(QUEUE_SETTINGS[type].expireInSeconds * 1000).toBeGreaterThan(STACK_RUN_DEADLINE_MS);
  });
});
