// Rotating a tenant's playback signing key without taking playback down, in two phases (docs/aws-key-rotation.md):
// 1. the new key is created `pending` and the tenant's infrastructure applied with both keys; the old key signs
//    meanwhile. Once the apply returns, the new key signs and the old one is `previous` until its grants expire
//    (apply-trusted-keys.ts).
// 2. after that, a second apply removes the old key (requestDueKeyRemovals, run by a worker sweep) and it is retired.
// An emergency rotation (the key leaked) does not wait for the old key's grants to expire: the apply removing it runs as
// soon as the new key signs, and when it finishes those grants stop playing; players fetch new ones.
import type { Db } from '../../db/database.js';
import type { DomainDeps } from '../deps.js';
import { conflict, notReady } from '../errors.js';
import { createPendingSigningKey } from './signing-keys.js';

/** What the owner sees of the tenant's signing keys. Tenant text only: operators read apply errors in the worker's log. */
export interface SigningKeyRotation {
  /** `pending`: the new key is being added to the delivery network and the current key still signs; `active`: no rotation under way. */
  state: 'pending' | 'active';
  /** The pending key while one is, else the key signing now. */
  keyPairId: string;
  /** The key being replaced is removed as soon as the new key signs (emergency rotation). */
  emergency: boolean;
  message: string;
  /** Why the rotation is not progressing, when it is not. */
  problem: string | null;
  /** While a replaced key is still honoured: when it stops being trusted. */
  previousKeyTrustedUntil: Date | null;
}

const SETTING_UP = 'usually 5–15 minutes';
/** After a failed removal apply, the sweep tries again this long after the last attempt was asked for. */
const REMOVAL_RETRY_MS = 60 * 60_000;

/**
 * Starts a rotation: a new pending key, and an apply to trust it. Refused while one is under way or while the key it
 * replaced last time is still honoured (the CDN holds at most two keys per tenant), except in an emergency.
 * Asking again after the apply failed retries it; asking for an emergency during a normal rotation upgrades it.
 */
export async function rotateTenantSigningKey(
  deps: Pick<DomainDeps, 'db' | 'secrets' | 'queue' | 'clock' | 'provisioner'>,
  tenantId: string,
  options: { emergency: boolean },
): Promise<SigningKeyRotation> {
  const now = deps.clock.now();
  const keys = await keyRows(deps.db, tenantId);
  const active = keys.find((key) => key.status === 'active');
  if (!active) throw notReady('Your workspace is still being set up; rotate its playback key once it is ready.');
  const pending = keys.find((key) => key.status === 'pending');
  const previous = keys.find((key) => key.status === 'previous' && !key.removal_requested_at);
  const upgrading = pending && options.emergency && !active.removal_requested_at;
  if (pending && !pending.apply_error && !upgrading) {
    throw conflict(
      `A playback key rotation is already under way (started ${pending.created_at.toISOString()}): the new key is being added to your delivery network, ${SETTING_UP}. Wait until it is active, then rotate again.`,
    );
  }
  if (!pending && previous && !options.emergency) {
    throw conflict(
      `Your previous playback key is still honoured until ${previous.retire_after?.toISOString() ?? 'its links expire'}, so links signed with it keep playing. Rotate again after then, or make an emergency rotation if a key leaked.`,
    );
  }
  // A new key needs room in the CDN account's public-key quota (aws cells keep one spare, which another tenant's
  // rotation may hold). Retrying or upgrading a pending rotation adds no key.
  if (!pending && (await deps.provisioner.publicKeyRefusal?.(tenantId))) {
    throw conflict('Your delivery network cannot take a new playback key right now, so your current key keeps signing. Try again in an hour; if your key leaked, contact support.');
  }
  await deps.db.transaction().execute(async (trx) => {
    if (options.emergency) {
      await trx
        .updateTable('tenant_signing_keys')
        .set({ removal_requested_at: now })
        .where('tenant_id', '=', tenantId)
        .where('status', 'in', ['active', 'previous'])
        .where('removal_requested_at', 'is', null)
        .execute();
    }
    if (!pending) await createPendingSigningKey({ db: trx, secrets: deps.secrets }, tenantId);
  });
  await deps.queue.enqueue({ type: 'apply-signing-keys', tenantId });
  return signingKeyRotation(deps, tenantId);
}

export async function signingKeyRotation(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<SigningKeyRotation> {
  const keys = await keyRows(deps.db, tenantId);
  const pending = keys.find((key) => key.status === 'pending');
  const active = keys.find((key) => key.status === 'active');
  const emergency = Boolean(active?.removal_requested_at);
  const previousKeyTrustedUntil = keys.find((key) => key.status === 'previous')?.retire_after ?? null;
  if (pending) {
    return {
      state: 'pending',
      keyPairId: pending.key_pair_id,
      emergency,
      message: emergency
        ? `Your new playback key is being added to your delivery network (${SETTING_UP}); playback uses the old key until then. Right after, the old key is removed: when that finishes, links signed with it stop playing and players fetch new ones.`
        : `Your new playback key is being added to your delivery network (${SETTING_UP}). Playback keeps using your current key until then, so nothing stops playing.`,
      problem: pending.apply_error
        ? 'Adding the new key to your delivery network failed, so playback keeps using your current key. It is retried automatically; rotate again to retry now, or contact support if it keeps failing.'
        : null,
      previousKeyTrustedUntil,
    };
  }
  if (!active) throw notReady('Your workspace is still being set up; it has no playback key yet.');
  const previous = keys.find((key) => key.status === 'previous');
  return {
    state: 'active',
    keyPairId: active.key_pair_id,
    emergency: false,
    message: !previous
      ? 'Your playback key signs all links.'
      : previous.removal_requested_at
        ? 'Your new playback key signs all new links. The previous key is being removed from your delivery network; links signed with it stop playing when that finishes.'
        : `Your new playback key signs all new links. The previous key is honoured until ${previousKeyTrustedUntil?.toISOString() ?? ''}, when every link signed with it has expired.`,
    problem: null,
    previousKeyTrustedUntil,
  };
}

/**
 * Phase 2: replaced keys whose grants have all expired are marked for removal, and their tenants' infrastructure is
 * applied again without them. A removal still unconfirmed an hour after it was asked for is asked for again.
 */
export async function requestDueKeyRemovals(deps: Pick<DomainDeps, 'db' | 'queue' | 'clock'>): Promise<string[]> {
  const now = deps.clock.now();
  const due = await deps.db
    .updateTable('tenant_signing_keys')
    .set({ removal_requested_at: now })
    .where('status', '=', 'previous')
    .where('retire_after', '<=', now)
    .where((eb) => eb.or([eb('removal_requested_at', 'is', null), eb('removal_requested_at', '<=', new Date(now.getTime() - REMOVAL_RETRY_MS))]))
    .returning('tenant_id')
    .execute();
  const tenantIds = [...new Set(due.map((row) => row.tenant_id))];
  for (const tenantId of tenantIds) await deps.queue.enqueue({ type: 'apply-signing-keys', tenantId });
  return tenantIds;
}

function keyRows(db: Db, tenantId: string) {
  return db
    .selectFrom('tenant_signing_keys')
    .select(['key_pair_id', 'status', 'created_at', 'retire_after', 'removal_requested_at', 'apply_error'])
    .where('tenant_id', '=', tenantId)
    .where('status', '<>', 'retired')
    .execute();
}
