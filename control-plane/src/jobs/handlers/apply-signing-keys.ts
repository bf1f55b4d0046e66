// apply-signing-keys: both phases of a key rotation apply the tenant's infrastructure again with the keys its CDN must
// trust now; idempotent (an apply of an unchanged set changes nothing).
import { reapplyTrustedKeys } from '../../domain/playback/apply-trusted-keys.js';
import type { JobHandler } from '../job-handler.js';

export const applySigningKeys: JobHandler<'apply-signing-keys'> = (job, _attempt, { deps }) => reapplyTrustedKeys(deps, job.tenantId);
