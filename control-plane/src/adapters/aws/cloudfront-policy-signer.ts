// Signs CloudFront custom policies with @aws-sdk/cloudfront-signer, in both shapes: the local edge verifies
// exactly what CloudFront would. Signatures are cached per (resource, expiry): authorize rounds expiry to the
// minute, so a popular video costs one RSA signature a minute instead of one per viewer.
import type { KeyObject } from 'node:crypto';
import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import { buildCustomPolicy } from '@ott/signing';
import { SIGNING_KEY_REFRESH_MS } from '../../domain/playback/signing-keys.js';
import type { PlaybackGrant, PlaybackSigner } from '../../ports.js';

export type SigningKeyLookup = (tenantId: string) => Promise<{ keyPairId: string; privateKey: KeyObject }>;

const CACHE_LIMIT = 10_000;

export class CloudFrontPolicySigner implements PlaybackSigner {
  readonly #keys = new Map<string, { loadedAt: number; key: Promise<{ keyPairId: string; privateKey: KeyObject }> }>();
  readonly #grants = new Map<string, PlaybackGrant>();

  constructor(
    private readonly lookupKey: SigningKeyLookup,
    private readonly now: () => number = Date.now,
  ) {}

  async sign(input: { tenantId: string; resource: string; expiresAt: Date; ipAddress?: string }): Promise<PlaybackGrant> {
    const { keyPairId, privateKey } = await this.key(input.tenantId);
    const cacheKey = `${input.tenantId}\n${keyPairId}\n${input.resource}\n${input.expiresAt.getTime()}\n${input.ipAddress ?? ''}`;
    const cached = this.#grants.get(cacheKey);
    if (cached) return cached;
    const policy = buildCustomPolicy({ resource: input.resource, expiresAt: input.expiresAt, ...(input.ipAddress ? { ipAddress: input.ipAddress } : {}) });
    // The SDK's types say string | Buffer, but it hands the key to crypto.sign, which takes a KeyObject (3x faster than PEM).
    const cookies = getSignedCookies({ keyPairId, privateKey: privateKey as unknown as string, policy });
    const grant: PlaybackGrant = {
      policy: cookies['CloudFront-Policy'] ?? '',
      signature: cookies['CloudFront-Signature'] ?? '',
      keyPairId: cookies['CloudFront-Key-Pair-Id'] ?? keyPairId,
      expiresAt: input.expiresAt,
    };
    if (this.#grants.size >= CACHE_LIMIT) this.#grants.clear();
    this.#grants.set(cacheKey, grant);
    return grant;
  }

  /** Drops cached keys and signatures after a key rotation. */
  forget(tenantId: string): void {
    this.#keys.delete(tenantId);
    for (const key of this.#grants.keys()) if (key.startsWith(`${tenantId}\n`)) this.#grants.delete(key);
  }

  private key(tenantId: string) {
    const cached = this.#keys.get(tenantId);
    // The worker switches keys after a rotation's apply: re-read as often as key rotation counts on.
    if (cached && this.now() - cached.loadedAt < SIGNING_KEY_REFRESH_MS) return cached.key;
    const key = this.lookupKey(tenantId);
    key.catch(() => this.#keys.delete(tenantId));
    this.#keys.set(tenantId, { loadedAt: this.now(), key });
    return key;
  }
}
