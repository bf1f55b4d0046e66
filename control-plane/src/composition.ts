// The only place that picks implementations of the ports. The aws shape arrives with the tenant-infra issue;
// until then OTT_CLOUD=aws is refused with a clear message rather than half-wired.
import path from 'node:path';
import { hkdfSync } from 'node:crypto';
import { CloudFrontPolicySigner } from './adapters/aws/cloudfront-policy-signer.js';
import { FfmpegTranscoder } from './adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { FsObjectStore } from './adapters/local/fs-object-store.js';
import { LocalBillingGateway } from './adapters/local/local-billing-gateway.js';
import { LocalIdentityProvider } from './adapters/local/local-identity-provider.js';
import { LocalProvisioner } from './adapters/local/local-provisioner.js';
import { StripeBillingGateway } from './adapters/stripe/stripe-billing-gateway.js';
import { SecretBox } from './crypto/secret-box.js';
import { createDatabase, type Db } from './db/database.js';
import type { DomainDeps } from './domain/deps.js';
import { loadTenantPrivateKey } from './domain/playback/signing-keys.js';
import { PgBossQueue } from './jobs/pg-boss-queue.js';
import type { BillingGateway, Clock } from './ports.js';
import type { X264Preset } from './adapters/local/ffmpeg/x264-preset.js';

export interface RuntimeConfig {
  cloud: 'local' | 'aws';
  databaseUrl: string;
  dataDir: string;
  apiUrl: string;
  edgeUrl: string;
  masterKey: Buffer;
  authSecret: Buffer;
  ffmpegPath: string;
  ffprobePath: string;
  x264Preset: X264Preset;
  /** Lifetime of playback grants; 600 s when not given. */
  playbackGrantSeconds?: number;
  /** Stripe billing (STRIPE_SECRET_KEY); the local ledger when absent. */
  stripe?: { secretKey: string; webhookSecret?: string; apiUrl?: string };
  /** OTT_OPERATOR_TOKEN: the bearer token of operator-only procedures (cost view). */
  operatorToken?: string;
}

export interface Composition {
  deps: DomainDeps;
  queue: PgBossQueue;
  localStore: FsObjectStore;
  localIdentity: LocalIdentityProvider;
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };

export function storeRootOf(config: Pick<RuntimeConfig, 'dataDir'>): string {
  return path.resolve(config.dataDir, 'store');
}

/** Distinct keys for distinct purposes, all derived from the one auth secret. */
function deriveKey(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `ott-cloud/${purpose}`, 32));
}

export async function compose(config: RuntimeConfig, options: { db?: Db; clock?: Clock } = {}): Promise<Composition> {
  if (config.cloud === 'aws') {
    throw new Error('OTT_CLOUD=aws is not available yet: the AWS adapters ship with the tenant-infra work. Unset OTT_CLOUD to run the local shape.');
  }
  const clock = options.clock ?? systemClock;
  const db = options.db ?? createDatabase(config.databaseUrl);
  const secrets = new SecretBox(config.masterKey);
  const localStore = new FsObjectStore(storeRootOf(config), `${config.apiUrl}/store/parts`, deriveKey(config.authSecret, 'upload-urls'));
  const localIdentity = new LocalIdentityProvider(db, secrets, clock, config.apiUrl);
  const queue = await PgBossQueue.start(config.databaseUrl);
  const deps: DomainDeps = {
    db,
    store: localStore,
    queue,
    transcoder: new FfmpegTranscoder({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath, preset: config.x264Preset }),
    signer: new CloudFrontPolicySigner((tenantId) => loadTenantPrivateKey({ db, secrets }, tenantId)),
    identity: localIdentity,
    provisioner: new LocalProvisioner(storeRootOf(config), localIdentity),
    secrets,
    clock,
    authSecret: deriveKey(config.authSecret, 'admin-tokens'),
    urls: { api: config.apiUrl, edge: config.edgeUrl },
    playback: { grantSeconds: config.playbackGrantSeconds ?? 600 },
    billing: billingGatewayFor(config),
    operatorToken: config.operatorToken,
  };
  return {
    deps,
    queue,
    localStore,
    localIdentity,
    async close() {
      await queue.stop().catch(() => {});
      if (!options.db) await db.destroy();
    },
  };
}

/** Stripe when a secret key is configured, otherwise the local ledger (same prices, meters and invoices). */
function billingGatewayFor(config: RuntimeConfig): BillingGateway {
  if (!config.stripe) return new LocalBillingGateway();
  return new StripeBillingGateway({ secretKey: config.stripe.secretKey, webhookSecret: config.stripe.webhookSecret, ...(config.stripe.apiUrl ? { apiUrl: config.stripe.apiUrl } : {}) });
}
