// Phase 2 of key rotations: replaced signing keys whose grants have all expired are removed from their tenants' CDN
// by an apply. Every worker sweeps: the update claims each key once, and the queue keeps one apply per tenant.
import { requestDueKeyRemovals } from '../../domain/playback/key-rotation.js';
import type { DomainDeps } from '../../domain/deps.js';
import type { Logger } from '../../ports.js';

export async function sweepReplacedSigningKeys(deps: DomainDeps, log: Logger): Promise<void> {
  await requestDueKeyRemovals(deps).then(
    (tenantIds) => {
      if (tenantIds.length > 0) log.info({ tenantIds }, `removing ${tenantIds.length} replaced playback key(s) from their CDN`);
    },
    (error: unknown) => log.warn({ err: error }, 'replaced playback key sweep failed; trying again next sweep'),
  );
}
