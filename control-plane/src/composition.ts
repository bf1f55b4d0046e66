// The only place that picks implementations of the ports: the local shape's (filesystem, ffmpeg, built-in
// issuer, local provisioner) or the aws shape's (adapters/aws/aws-shape.ts). Everything else is shared.
import path from 'node:path';
import { hkdfSync } from 'node:crypto';
import { awsPortalOrigins } from './adapters/aws/aws-portal-origins.js';
import type { AwsSettings } from './adapters/aws/aws-settings.js';
import { createAwsAdapters } from './adapters/aws/aws-shape.js';
import { CloudFrontPolicySigner } from './adapters/aws/cloudfront-policy-signer.js';
import { FfmpegTranscoder } from './adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { FsObjectStore } from './adapters/local/fs-object-store.js';
import { LocalBillingGateway } from './adapters/local/local-billing-gateway.js';
import { LocalIdentityProvider } from './adapters/local/local-identity-provider.js';
import { LocalProvisioner } from './adapters/local/local-provisioner.js';
import { StripeBillingGateway } from './adapters/stripe/stripe-billing-gateway.js';
import { SecretBox } from './crypto/secret-box.js';
import { createDatabase, type Db } from './db/database.js';
import { PlaybackChangeListener } from './adapters/postgres/playback-change-listener.js';
import type { DomainDeps } from './domain/deps.js';
import { PlaybackRowCache } from './domain/playback/playback-row-cache.js';
import { readPlaybackRow } from './domain/playback/playback-rows.js';
import { loadTenantPrivateKey } from './domain/playback/signing-keys.js';
import { PgBossQueue } from './adapters/postgres/pg-boss-queue.js';
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
  /** Hours an unfinished upload lives (OTT_UPLOAD_EXPIRY_HOURS); 24 when not given. */
  uploadExpiryHours?: number;
  /** Stripe billing (STRIPE_SECRET_KEY); the local ledger when absent. */
  stripe?: { secretKey: string; webhookSecret?: string; apiUrl?: string };
  /** OTT_OPERATOR_TOKEN: the bearer token of operator-only procedures (cost view). */
  operatorToken?: string;
  /** Required when `cloud` is 'aws' (bin/runtime-config.ts reads it from OTT_AWS_*). */
  aws?: AwsSettings;
}

export interface Composition {
  deps: DomainDeps;
  queue: PgBossQueue;
  /** The local shape's store and issuer, whose HTTP routes (part uploads, JWKS) the API serves; absent in aws. */
  localStore?: FsObjectStore;
  localIdentity?: LocalIdentityProvider;
  /** The aws shape's MediaConvert job events: the worker starts them; absent in the local shape. */
  transcodeEvents?: { ensureStarted(): void; stop(): Promise<void> };
  /** Playback rows in memory for the API's playback.authorize; connects its LISTEN session on first use. */
  playbackRows: PlaybackRowCache;
  /** The aws shape's CloudFront and S3 origins, which the portal's pages fetch from; absent in the local shape. */
  portalOrigins?: readonly string[];
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
  if (config.cloud === 'aws') return composeAws(config, options);
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
    ...sharedDeps(config, secrets, clock),
  };
  const playbackRows = playbackRowCache(config, db);
  return {
    deps,
    queue,
    localStore,
    localIdentity,
    playbackRows,
    async close() {
      await playbackRows.close();
      await queue.stop().catch(() => {});
      if (!options.db) await db.destroy();
    },
  };
}

/** The aws shape: the same domain, with the adapters of the tenant's cell (S3, Cognito, MediaConvert) and CDKTF. */
async function composeAws(config: RuntimeConfig, options: { db?: Db; clock?: Clock }): Promise<Composition> {
  if (!config.aws) throw new Error('OTT_CLOUD=aws needs its settings (OTT_AWS_REGION, OTT_AWS_NAME_PREFIX, OTT_AWS_EVENTS_QUEUE_URL, OTT_AWS_INFRA_CONFIG): see "Deploy to AWS" in the README.');
  const clock = options.clock ?? systemClock;
  const db = options.db ?? createDatabase(config.databaseUrl);
  const secrets = new SecretBox(config.masterKey);
  const aws = createAwsAdapters({ settings: config.aws, db, secrets, clock, dataDir: config.dataDir, ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath, log: (message) => console.error(message) });
  const queue = await PgBossQueue.start(config.databaseUrl);
  const deps: DomainDeps = { db, store: aws.store, queue, transcoder: aws.transcoder, signer: aws.signer, identity: aws.identity, provisioner: aws.provisioner, ...sharedDeps(config, secrets, clock) };
  const playbackRows = playbackRowCache(config, db);
  return {
    deps,
    queue,
    transcodeEvents: aws.transcodeEvents,
    playbackRows,
    portalOrigins: awsPortalOrigins(config.aws),
    async close() {
      await playbackRows.close();
      await aws.close();
      await queue.stop().catch(() => {});
      if (!options.db) await db.destroy();
    },
  };
}

function playbackRowCache(config: Pick<RuntimeConfig, 'databaseUrl'>, db: Db): PlaybackRowCache {
  return new PlaybackRowCache({ load: (videoId) => readPlaybackRow(db, videoId), connectFeed: (subscriber) => new PlaybackChangeListener(config.databaseUrl, subscriber) });
}

/** What both shapes give the domain alike. */
function sharedDeps(config: RuntimeConfig, secrets: SecretBox, clock: Clock): Pick<DomainDeps, 'secrets' | 'clock' | 'authSecret' | 'urls' | 'playback' | 'uploads' | 'billing' | 'operatorToken'> {
  return {
    secrets,
    clock,
    authSecret: deriveKey(config.authSecret, 'admin-tokens'),
    // In the aws shape each tenant's playback URLs use its own CloudFront domain; `edge` is the fallback.
    urls: { api: config.apiUrl, edge: config.edgeUrl },
    playback: { grantSeconds: config.playbackGrantSeconds ?? 600 },
    uploads: { expiryHours: config.uploadExpiryHours ?? 24 },
    billing: billingGatewayFor(config),
    operatorToken: config.operatorToken,
  };
}

/** Stripe when a secret key is configured, otherwise the local ledger (same prices, meters and invoices). */
function billingGatewayFor(config: RuntimeConfig): BillingGateway {
  if (!config.stripe) return new LocalBillingGateway();
  return new StripeBillingGateway({ secretKey: config.stripe.secretKey, webhookSecret: config.stripe.webhookSecret, ...(config.stripe.apiUrl ? { apiUrl: config.stripe.apiUrl } : {}) });
}
