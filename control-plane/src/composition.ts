// The only place that picks implementations: the shape's (shapes/compose-local-shape.ts, or shapes/compose-aws-shape.ts,
// loaded only when chosen) and the billing gateway (Stripe, loaded only when configured). Processes read the
// environment once (env.ts → bin/runtime-config.ts) and pass the result in; what compose() returns is all they need.
import type { AwsSettings } from './adapters/aws/aws-settings.js';
import { LocalBillingGateway } from './adapters/local/local-billing-gateway.js';
import { LocalStorePayments } from './adapters/local/local-store-payments.js';
import { localPaymentsRoute } from './api/local-payments-route.js';
import { localSubscriptionRenewals } from './jobs/sweeps/local-subscription-renewals.js';
import type { X264Preset } from './adapters/local/ffmpeg/x264-preset.js';
import { GuardedOutboundHttp } from './adapters/http/guarded-outbound-http.js';
import type { HttpRoute } from './api/http-route.js';
import { SecretBox } from './crypto/secret-box.js';
import { createDatabase, type Db } from './db/database.js';
import { PlaybackChangeListener } from './adapters/postgres/playback-change-listener.js';
import type { DomainDeps } from './domain/deps.js';
import { PlaybackRowCache } from './domain/playback/playback-row-cache.js';
import { readPlaybackRow } from './domain/playback/playback-rows.js';
import type { DeliveryLogSources } from './jobs/handlers/ingest-egress.js';
import { PgBossQueue } from './adapters/postgres/pg-boss-queue.js';
import type { BackgroundLoop } from './jobs/run-worker.js';
import type { BillingGateway, Clock, Logger, StorePayments } from './ports.js';
import type { Cidr } from '@ott/signing';
import { composeLocalShape } from './shapes/compose-local-shape.js';
import { openDatabaseConnection } from './shapes/database-connection.js';
import { deriveKey, type Shape, type ShapeInput } from './shapes/shape.js';

export interface DatabaseAccess {
  /** Verify the server against these CAs (PEM): the RDS bundle in the aws shape. */
  tls?: { ca: string };
  /** The RDS-managed secret with the user and password; the URL then names only host, port and database. */
  secret?: { secretArn: string; region: string; endpoint?: string };
}

export interface RuntimeConfig {
  cloud: 'local' | 'aws';
  databaseUrl: string;
  /** TLS and where the database user and password are kept when not in the URL (RDS); the URL alone when absent. */
  database?: DatabaseAccess;
  dataDir: string;
  apiUrl: string;
  edgeUrl: string;
  masterKey: Buffer;
  authSecret: Buffer;
  ffmpegPath: string;
  ffprobePath: string;
  x264Preset: X264Preset;
  /** Fast start (OTT_FAST_START): the pass-through remux and the ffmpeg ladder's 1 s first segment; on when not given. */
  fastStart?: boolean;
  /** Lifetime of playback grants; 600 s when not given. */
  playbackGrantSeconds?: number;
  /** Hours an unfinished upload lives (OTT_UPLOAD_EXPIRY_HOURS); 24 when not given. */
  uploadExpiryHours?: number;
  /** Seconds an import from a URL may take to download (OTT_IMPORT_TIMEOUT_SECONDS); 30 minutes when not given. */
  importTimeoutSeconds?: number;
  /** OTT_OUTBOUND_ALLOWED_CIDRS: private ranges tenant-given URLs may reach (development, tests); none when absent. */
  outboundAllowedCidrs?: readonly Cidr[];
  /** Stripe billing (STRIPE_SECRET_KEY); the local ledger when absent. */
  stripe?: { secretKey: string; webhookSecret?: string; connectWebhookSecret?: string; apiUrl?: string };
  /** OTT_OPERATOR_TOKEN: the bearer token of operator-only procedures (cost view). */
  operatorToken?: string;
  /** Local shape: mail through this SMTP server (OTT_SMTP_URL, OTT_EMAIL_FROM) instead of the development mailbox. */
  smtp?: { url: string; from: string };
  /** Required when `cloud` is 'aws' (bin/runtime-config.ts reads it from OTT_AWS_*). */
  aws?: AwsSettings;
}

export interface Composition {
  deps: DomainDeps;
  queue: PgBossQueue;
  /** The routes this shape adds to the API (the local store's part uploads, the local issuer's JWKS); none in aws. */
  routes: readonly HttpRoute[];
  /** Where the worker's ingest-egress job reads delivery logs (the local edge's files). */
  deliveryLogs: DeliveryLogSources;
  /** What the worker runs beside its jobs (the aws shape's MediaConvert job events, the local payments' renewals); the api never starts them. */
  backgroundLoops: readonly BackgroundLoop[];
  /** Playback rows in memory for the API's playback.authorize; connects its LISTEN session on first use. */
  playbackRows: PlaybackRowCache;
  /** Where the portal's pages fetch from besides the API and the edge (the aws shape's CloudFront and S3 origins). */
  portalOrigins: readonly string[];
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };

export async function compose(config: RuntimeConfig, options: { db?: Db; clock?: Clock; log?: Logger } = {}): Promise<Composition> {
  const clock = options.clock ?? systemClock;
  const connection = await openDatabaseConnection(config, options.log);
  const db = options.db ?? createDatabase(connection);
  const secrets = new SecretBox(config.masterKey);
  const shape = await composeShape({ config, db, secrets, clock, ...(options.log ? { log: options.log } : {}) });
  const queue = await PgBossQueue.start(connection);
  // Sales to viewers: Stripe Connect when Stripe is configured; otherwise, in the local shape, the local stand-in
  // with its own onboarding, checkout and portal pages (the aws shape without Stripe sells nothing).
  const localPayments = !config.stripe && config.cloud === 'local' ? new LocalStorePayments(db, clock, config.apiUrl) : undefined;
  const deps: DomainDeps = {
    db,
    queue,
    ...shape.adapters,
    secrets,
    clock,
    authSecret: deriveKey(config.authSecret, 'admin-tokens'),
    // In the aws shape each tenant's playback URLs use its own CloudFront domain; `edge` is the fallback.
    urls: { api: config.apiUrl, edge: config.edgeUrl },
    playback: { grantSeconds: config.playbackGrantSeconds ?? 600 },
    uploads: { expiryHours: config.uploadExpiryHours ?? 24, ...(config.importTimeoutSeconds ? { importTimeoutSeconds: config.importTimeoutSeconds } : {}) },
    billing: await billingGatewayFor(config),
    storePayments: localPayments ?? (config.stripe ? await storePaymentsFor(config.stripe) : undefined),
    // The same guard in both shapes: tenant-given URLs are reached from the platform's own network either way.
    outbound: new GuardedOutboundHttp({ allowedCidrs: config.outboundAllowedCidrs ?? [] }),
    operatorToken: config.operatorToken,
  };
  const playbackRows = new PlaybackRowCache({ load: (videoId) => readPlaybackRow(db, videoId), connectFeed: (subscriber) => new PlaybackChangeListener(connection, subscriber) });
  return {
    deps,
    queue,
    routes: localPayments ? [...shape.routes, localPaymentsRoute(deps, localPayments)] : shape.routes,
    deliveryLogs: shape.deliveryLogs,
    // The local payments stand-in renews subscriptions on the worker's clock, as Stripe does on its own.
    backgroundLoops: localPayments ? [...shape.backgroundLoops, localSubscriptionRenewals(deps, localPayments, options.log)] : shape.backgroundLoops,
    playbackRows,
    portalOrigins: shape.portalOrigins,
    async close() {
      await playbackRows.close();
      await shape.close();
      await queue.stop().catch(() => {});
      if (!options.db) await db.destroy();
    },
  };
}

async function composeShape(input: ShapeInput): Promise<Shape> {
  if (input.config.cloud === 'local') return composeLocalShape(input);
  const { composeAwsShape } = await import('./shapes/compose-aws-shape.js');
  return composeAwsShape(input);
}

/**
 * Tenants sell to their viewers through Stripe Connect on the platform's Stripe account; without Stripe there is no
 * sales adapter, and sales are refused as unavailable.
 */
async function storePaymentsFor(stripe: NonNullable<RuntimeConfig['stripe']>): Promise<StorePayments> {
  const { StripeStorePayments } = await import('./adapters/stripe/stripe-store-payments.js');
  return new StripeStorePayments({ secretKey: stripe.secretKey, connectWebhookSecret: stripe.connectWebhookSecret, ...(stripe.apiUrl ? { apiUrl: stripe.apiUrl } : {}) });
}

/** Stripe when a secret key is configured, otherwise the local ledger (same prices, meters and invoices). */
async function billingGatewayFor(config: RuntimeConfig): Promise<BillingGateway> {
  if (!config.stripe) return new LocalBillingGateway();
  const { StripeBillingGateway } = await import('./adapters/stripe/stripe-billing-gateway.js');
  return new StripeBillingGateway({ secretKey: config.stripe.secretKey, webhookSecret: config.stripe.webhookSecret, ...(config.stripe.apiUrl ? { apiUrl: config.stripe.apiUrl } : {}) });
}
