// The local edge's view of tenants: active tenants' trusted playback public keys and allowed origins, read from the
// database and cached briefly. It trusts what the last apply confirmed (keys with a CDN id that are not retired), as
// CloudFront's trusted key group does: a pending key only once applied, a replaced key until the apply removing it.
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { EdgeTenant, EdgeTenantDirectory } from './edge-options.js';

const DEFAULT_TTL_MS = 5_000;

export class DatabaseTenantDirectory implements EdgeTenantDirectory {
  readonly #cache = new Map<string, { at: number; tenant: Promise<EdgeTenant | undefined> }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  tenant(tenantId: string): Promise<EdgeTenant | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(tenantId)) return Promise.resolve(undefined);
    const cached = this.#cache.get(tenantId);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.tenant;
    const tenant = this.load(tenantId);
    this.#cache.set(tenantId, { at: this.now(), tenant });
    tenant.catch(() => this.#cache.delete(tenantId));
    return tenant;
  }

  async videoTitle(tenantId: string, videoId: string): Promise<string | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(tenantId) || !/^[0-9a-f-]{36}$/.test(videoId)) return undefined;
    const video = await this.db.selectFrom('videos').select('title').where('tenant_id', '=', tenantId).where('id', '=', videoId).executeTakeFirst();
    return video?.title;
  }

  private async load(tenantId: string): Promise<EdgeTenant | undefined> {
    const tenant = await this.db.selectFrom('tenants').select(['id', 'allowed_origins']).where('id', '=', tenantId).where('status', '=', 'active').executeTakeFirst();
    if (!tenant) return undefined;
    const keys = await this.db
      .selectFrom('tenant_signing_keys')
      .select(['cdn_key_id', 'public_key_pem'])
      .where('tenant_id', '=', tenantId)
      .where('status', 'in', ['pending', 'active', 'previous'])
      .where('cdn_key_id', 'is not', null)
      .$narrowType<{ cdn_key_id: string }>()
      .execute();
    const publicKeys = new Map<string, KeyObject>(keys.map((key) => [key.cdn_key_id, createPublicKey(key.public_key_pem)]));
    return { tenantId: tenant.id, allowedOrigins: tenant.allowed_origins, publicKeys };
  }
}
