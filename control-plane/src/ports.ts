// The interfaces the domain needs from the outside world. No vendor types here:
// local adapters (filesystem, ffmpeg, built-in issuer) and aws adapters implement them.
import type { CaptionCue, MediaNote, StoredPart, VideoRange } from '@ott/contracts';

/** Object storage: one namespace per tenant under `t/{tenantId}/` (outputs) and `sources/{tenantId}/` (originals). */
export interface ObjectStore {
  /** Writes a local file at `key`, atomically (readers never see a half-written object). */
  putFile(key: string, sourcePath: string, options?: PutFileOptions): Promise<void>;
  /** Writes `body` at `key`, atomically: small objects the platform renders (playlists, WebVTT). */
  putBytes(key: string, body: Uint8Array | string): Promise<void>;
  /** Copies every file below `directory` to `prefix/<relative path>`. */
  putDirectory(prefix: string, directory: string): Promise<void>;
  /** Makes the object available as a local file for tools such as ffmpeg; returns its path. */
  localFile(key: string): Promise<string>;
  exists(key: string): Promise<boolean>;
  deletePrefix(prefix: string): Promise<void>;
  /** Deletes one object; one that is not there is not an error. */
  deleteObject(key: string): Promise<void>;
  createMultipartUpload(key: string): Promise<{ uploadId: string }>;
  /** A URL the client PUTs one part of exactly `part.size` bytes to (any other size is refused); valid until `expiresAt`. */
  signPartUrl(key: string, uploadId: string, part: PartToSign, expiresAt: Date): Promise<string>;
  listParts(key: string, uploadId: string): Promise<StoredPart[]>;
  completeMultipartUpload(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[]): Promise<{ size: number }>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  /**
   * Bytes billed for everything under `prefix`, every stored version counted: a versioned bucket bills noncurrent
   * versions until its lifecycle rule expires them. Absent where the store keeps no versions; the database's record
   * of sources and renditions is then the measure.
   */
  billedBytes?(prefix: string): Promise<number>;
}

export interface PutFileOptions {
  /**
   * Sent with the object (a download's `attachment; filename=…`). Where the store keeps object metadata (S3) the CDN
   * serves it as is; the local edge, which serves the filesystem store, works the header out itself.
   */
  contentDisposition?: string;
}

export interface PartToSign {
  partNumber: number;
  /** The part's size in bytes, signed into its URL. */
  size: number;
}

/** A stored part, as listParts reports it: the same shape goes to clients over videos.listParts. */
export type { StoredPart };

export interface TranscodeInput {
  /**
   * The upload, alone in a folder of its own with `outputDir` (the job's scratch folder): the transcoder runs its tools
   * there and they read this file and nothing else. Uploads are hostile: it may be a playlist or anything else.
   */
  sourcePath: string;
  /** The stored original `sourcePath` is a copy of: for a transcoder that reads the store itself (MediaConvert). */
  sourceKey?: string;
  /** Where the package is published in the store (`t/{tenant}/v/{video}/`): for a transcoder that puts segments there itself. */
  packagePrefix?: string;
  /** Empty folder the transcoder writes the HLS package into. */
  outputDir: string;
  limits: { maxDurationSeconds: number };
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** When given, a transcoder that can publishes the package while it encodes, so viewers need not wait for the whole ladder. */
  earlyPublishing?: EarlyPublishing;
  /** Only this range of the source becomes the video (a clip): frame-exact at both edges. */
  clip?: { startSeconds: number; endSeconds: number };
  /** Also write the static MP4 downloads (see DownloadOutput) into `outputDir`. */
  downloads?: boolean;
}

/** Static MP4 files of a ready package for a viewer to download: the highest rendition at or below 1080p and the smallest. */
export interface DownloadsInput {
  tenantId: string;
  videoId: string;
  /** The stored original, for a transcoder that makes them from it (MediaConvert). */
  sourceKey: string;
  /** Where the package being played is published (`t/{tenant}/v/{video}/`, or its `r{n}/` folder). */
  packagePrefix: string;
  /** Empty folder the MP4 files are written into (paths in the result are relative to it). */
  outputDir: string;
  clip?: { startSeconds: number; endSeconds: number };
  signal?: AbortSignal;
}

export interface DownloadOutput {
  /** `1080p`, `360p`: the rendition it is made from. */
  name: string;
  width: number;
  height: number;
  bytes: number;
  /** Relative to the output folder, e.g. `downloads/1080p.mp4`. */
  path: string;
}

/** An audio rendition of the package: one per audio track of the source, in the source's order. */
export interface AudioRenditionOutput {
  /** BCP 47 (`en`, `fr`), `und` when the source did not say. */
  language: string;
  name: string;
  isDefault: boolean;
  channels: number;
  codecs: string;
  /** Peak bits per second. */
  bandwidth: number;
  playlistPath: string;
  bytes: number;
}

/** A text subtitle track found in the source, converted to WebVTT (image-based ones become a MediaNote instead). */
export interface ExtractedTextTrack {
  language: string;
  label: string;
  kind: 'subtitles' | 'captions';
  isDefault: boolean;
  forced: boolean;
  webvtt: string;
}

/**
 * Where a transcoder puts the package while it is still encoding. Files published here are replaced by the
 * final package (same paths) when the transcode returns.
 */
export interface EarlyPublishing {
  /** Publishes the local file at `localPath` as `relativePath` of the package, replacing an earlier version. */
  publish(relativePath: string, localPath: string): Promise<void>;
  /** What is published so far plays from the start (growing playlists) through the master playlist at `masterPlaylistPath`. */
  playable(masterPlaylistPath: string): Promise<void>;
}

export interface SourceInfo {
  durationSeconds: number;
  width: number;
  height: number;
  frameRate: number;
  videoCodec: string;
  audioCodec: string | null;
  rotation: number;
}

export interface RenditionOutput {
  name: string;
  width: number;
  height: number;
  frameRate: number;
  videoCodec: string;
  codecs: string;
  bandwidth: number;
  averageBandwidth: number;
  playlistPath: string;
  durationSeconds: number;
  bytes: number;
  /** Encoder passes; metering treats a missing value as single-pass (the ffmpeg ladder). */
  encodingPasses?: number;
}

export interface TranscodeOutput {
  source: SourceInfo;
  durationSeconds: number;
  masterPlaylistPath: string;
  renditions: RenditionOutput[];
  posterPath: string;
  thumbnails: { path: string; timeSeconds: number }[];
  storyboard: { imagePath: string; vttPath: string; intervalSeconds: number; tileWidth: number; tileHeight: number; columns: number; rows: number };
  /** Empty when the variants carry their audio or the source has none. */
  audioTracks: AudioRenditionOutput[];
  textTracks: ExtractedTextTrack[];
  /** What the source had that the package does not carry, said to the tenant. */
  notes: MediaNote[];
  /** Of the package's picture: SDR for the H.264 ladder, HDR sources included (they are tone-mapped). */
  videoRange: VideoRange;
  /** When the input asked for downloads. */
  downloads: DownloadOutput[];
  /**
   * Folders published early (earlyPublishing) that the final package does not have, such as a pass-through rendition:
   * viewers who began on them may still be reading, so they are deleted later rather than at once. None when not given.
   */
  provisionalFolders?: string[];
}

export interface Transcoder {
  /**
   * True when the transcoder reads the original from the store by `sourceKey` (MediaConvert): the worker does not copy it
   * into `sourcePath`, which the transcoder may use for what it needs locally.
   */
  readonly readsStoredSource?: boolean;
  /** Throws UnplayableMediaError when the source cannot become a video. */
  transcode(input: TranscodeInput): Promise<TranscodeOutput>;
  /** An uploaded poster image, decoded and re-encoded as a JPEG; throws UnreadableImageError (media/poster-image.ts) for anything else. */
  encodePoster?(image: Buffer): Promise<Buffer>;
  /** The downloads of a video whose package exists (downloads switched on after it was made). */
  makeDownloads(input: DownloadsInput): Promise<DownloadOutput[]>;
  /** A dub's file → one audio rendition like the source's, in `outputDir/{folder}`; throws UnplayableMediaError when it holds no audio. */
  encodeAudioRendition(input: AudioRenditionInput): Promise<AudioRenditionOutput>;
}

export interface AudioRenditionInput {
  /** The uploaded file, copied locally by the worker. */
  sourcePath: string;
  outputDir: string;
  folder: string;
  /** The video's length: a longer dub is cut to it. */
  maxDurationSeconds: number;
  track: Pick<AudioRenditionOutput, 'language' | 'name' | 'isDefault'>;
  signal?: AbortSignal;
}

/**
 * Speech to text for automatic captions: pocketsphinx locally (offline, US English only), Amazon Transcribe in aws.
 * Runs after a video is ready; what it hears is marked as automatic wherever it is shown.
 */
export interface SpeechToText {
  /** Named next to automatic captions, e.g. `pocketsphinx (en-US)`. */
  readonly engine: string;
  /** BCP 47 tags it can transcribe. */
  readonly languages: readonly string[];
  /** The cues of what is said in the stored original's first audio track (`trackIndex` for another). */
  transcribe(input: { tenantId: string; videoId: string; sourceKey: string; language: string; trackIndex?: number; signal?: AbortSignal }): Promise<CaptionCue[]>;
}

/** A CloudFront-format signed grant for every object below `resourcePrefix`. */
export interface PlaybackGrant {
  policy: string;
  signature: string;
  keyPairId: string;
  expiresAt: Date;
}

export interface PlaybackSigner {
  sign(input: { tenantId: string; resource: string; expiresAt: Date; ipAddress?: string }): Promise<PlaybackGrant>;
  /** Drops what is cached for the tenant (its key, its signatures) after a key rotation. */
  forget(tenantId: string): void;
}

/** A tenant's viewer pool: the built-in issuer locally, a Cognito user pool in aws. Tokens are RS256 JWTs verified through JWKS. */
export interface IdentityProvider {
  createPool(tenantId: string): Promise<{ poolId: string }>;
  /** Creates the viewer with a temporary password they must change at first sign-in. */
  /** Creates the viewer with a temporary password and sends nothing: the platform's own branded email carries it. */
  inviteViewer(poolId: string, email: string): Promise<{ viewerId: string; temporaryPassword: string }>;
  /** A new temporary password for a viewer who has not signed in yet (a resent invitation); conflict once they have. */
  renewTemporaryPassword(poolId: string, viewerId: string): Promise<{ email: string; temporaryPassword: string }>;
  /** A viewer who chose their own password (a confirmed sign-up): can sign in at once; conflict when the e-mail has an account. */
  createViewer(poolId: string, email: string, password: string): Promise<{ viewerId: string }>;
  /**
   * One page of the pool's viewers, at most `limit`, each viewer once across the pages; `cursor` is the previous
   * page's `nextCursor` (opaque: the built-in issuer's keyset position, Cognito's ListUsers PaginationToken). A cursor
   * the pool did not give is refused as invalid.
   */
  listViewers(poolId: string, page: { limit: number; cursor?: string }): Promise<{ data: ViewerSummary[]; nextCursor: string | null }>;
  removeViewer(poolId: string, viewerId: string): Promise<void>;
  signIn(poolId: string, email: string, password: string): Promise<ViewerSignInResult>;
  completeNewPassword(poolId: string, session: string, newPassword: string): Promise<ViewerTokens>;
  /** Verifies a viewer ID token from this pool; undefined when invalid, expired or from another pool. */
  verifyViewerToken(poolId: string, token: string): Promise<{ viewerId: string; email: string } | undefined>;
  /**
   * A viewer forgot their password: a single-use code that expires, for `confirmPasswordReset`. The built-in issuer
   * hands the code back for the platform to email; Cognito emails it itself. An unknown e-mail is not an error (the
   * answer must not tell who has an account).
   */
  startPasswordReset(poolId: string, email: string): Promise<PasswordResetStart>;
  /** Sets the new password when `code` is the viewer's current code; wrong codes are counted, and too many end it. */
  confirmPasswordReset(poolId: string, email: string, code: string, newPassword: string): Promise<void>;
}

/** Who delivers a reset code: the platform (`send-code`), the identity provider already did (`sent`), or nobody has this e-mail. */
export type PasswordResetStart = { kind: 'send-code'; code: string; expiresAt: Date } | { kind: 'sent' } | { kind: 'no-account' };

export interface ViewerSummary {
  viewerId: string;
  email: string;
  status: 'invited' | 'active';
  createdAt: Date;
}

export interface ViewerTokens {
  idToken: string;
  expiresAt: Date;
}

export type ViewerSignInResult = ({ kind: 'signed-in' } & ViewerTokens) | { kind: 'new-password-required'; session: string };

/** What a message is, for the development inbox's filter and for tests that wait for one. */
export type EmailKind = 'viewer-invitation' | 'admin-invitation' | 'viewer-password-reset' | 'viewer-sign-up' | 'admin-password-reset' | 'billing-notice' | 'purchase-receipt';

/** One message to one person: plain text always, HTML optional (clients that cannot show it read the text). */
export interface EmailMessage {
  kind: EmailKind;
  /** The tenant the message is about, so its development inbox shows it; absent for platform mail. */
  tenantId?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Sends mail to people: invitations, password resets, billing notices. Locally a development mailbox the portal shows
 * (and SMTP when OTT_SMTP_URL is set); SES in aws. Throws when the message was not accepted for delivery.
 */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

export interface TenantResources {
  storagePrefix: string;
  viewerPoolId: string;
  /** Our key-pair id → the id the CDN verifies that key's grants by (CloudFront's public key id; ours locally), for every key it trusts now. */
  cdnKeyIds: Record<string, string>;
  /** Host viewers fetch the tenant's media from (its CDN distribution or custom domain); the platform's edge when absent. */
  deliveryDomain?: string;
  /** What the apply did for the tenant's custom delivery domain (aws shape, when it has one). */
  customDomain?: AppliedCustomDomain;
}

export interface AppliedCustomDomain {
  certificateArn: string;
  /** The CNAME records the certificate authority checks before it issues the certificate. */
  validationRecords: { name: string; type: string; value: string }[];
  /** Whether the distribution now serves the domain (alias and certificate). */
  attached: boolean;
}

/** A playback public key the CDN is to trust: our key-pair id and the SPKI PEM. */
export interface PlaybackPublicKey {
  keyPairId: string;
  publicKeyPem: string;
}

/** How far a tenant's set-up has come, for the portal: placed in a cell, then its infrastructure being applied. */
export type ProvisioningStep = 'placed' | 'applying';

/** Creates a tenant's infrastructure: storage namespace, CDN trust for its playback public keys, viewer pool. */
export interface TenantProvisioner {
  /**
   * Creates the tenant's infrastructure, or applies it again (idempotent). Once it returns, the CDN trusts exactly
   * `publicKeys` (every key being added, signing, or still honoured during a rotation) and nothing else.
   */
  provision(tenant: { id: string; slug: string; publicKeys: readonly PlaybackPublicKey[] }, onStep?: (step: ProvisioningStep) => Promise<void>): Promise<TenantResources>;
  /** Removes what provision created, media and viewers included. Idempotent: nothing left to remove is success. */
  deprovision(tenant: Parameters<TenantProvisioner['provision']>[0]): Promise<void>;
  /**
   * Operator text saying why the tenant's CDN cannot trust one more public key now (its account's quota leaves no
   * spare for a rotation); undefined when it can. Absent where the CDN has no such quota (the local shape).
   */
  publicKeyRefusal?(tenantId: string): Promise<string | undefined>;
}

/** The jobs the queue carries; each type has one handler in jobs/handlers/, listed in jobs/job-handlers.ts. */
export type JobPayload =
  | { type: 'provision-tenant'; tenantId: string }
  // Applies a tenant's infrastructure again with the keys its CDN must trust now (key rotation, both phases).
  | { type: 'apply-signing-keys'; tenantId: string }
  | { type: 'transcode-video'; tenantId: string; videoId: string }
  // A ready video's new original (domain/videos/replace-source.ts), encoded beside the package that keeps playing.
  | { type: 'replace-video-source'; tenantId: string; videoId: string }
  // Static MP4 downloads of a ready video (domain/videos/video-downloads.ts), made from its package.
  | { type: 'make-downloads'; tenantId: string; videoId: string }
  // A dub's uploaded file (domain/videos/dub-uploads.ts) → one audio rendition of the video's master.
  | { type: 'encode-dub'; tenantId: string; videoId: string; trackId: string }
  // Fetches a video's original from the address the tenant gave (domain/videos/video-imports.ts), then queues its transcode.
  | { type: 'import-video'; tenantId: string; videoId: string }
  // Speech to text for a ready video's automatic captions in `language` (domain/captions/automatic-captions.ts).
  | { type: 'caption-video'; tenantId: string; videoId: string; language: string }
  | { type: 'offboard-tenant'; tenantId: string }
  // Metering and billing: periodic, idempotent, one at a time (see jobs/metering-jobs.ts).
  | { type: 'ingest-egress' }
  | { type: 'sample-storage' }
  | { type: 'flush-meter-outbox' }
  | { type: 'close-billing-periods' }
  // Custom delivery domains (domain/tenants/custom-domain.ts): re-apply the tenant's stack for it; check ACM and DNS now.
  | { type: 'apply-custom-domain'; tenantId: string }
  | { type: 'check-custom-domain'; tenantId: string }
  // "Forgot your password?" (domain/admins/admin-password-reset.ts): looked up and emailed here, not while the requester waits.
  | { type: 'send-admin-password-reset'; tenantSlug: string; email: string };

export type JobType = JobPayload['type'];

export interface JobQueue {
  enqueue(job: JobPayload): Promise<void>;
}

/** Values logged beside a message. An error goes under `err`, which keeps its type, message and stack. */
export type LogFields = Record<string, unknown>;

export interface LogMethod {
  (message: string): void;
  (fields: LogFields, message: string): void;
}

/** What a process says about its work, at a level (OTT_LOG_LEVEL): adapters/pino writes it, with secrets censored. */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  /** A logger that adds `bindings` to every line: `{ process: 'worker' }`, `{ job: 'transcode-video' }`. */
  child(bindings: LogFields): Logger;
}

export interface Clock {
  now(): Date;
}

/** One file (or object) of delivery access logs, with what identifies it across renames and rotations. */
export interface AccessLogFile {
  /** Stable while the file lives, e.g. `device:inode` locally, the object key in a log bucket. */
  fileId: string;
  /** Digest of the file's first line: tells a new file that reused an id from the one that was read before. */
  fingerprint: string;
  location: string;
  size: number;
}

/** The local edge's JSON-lines access logs, read incrementally by byte offset. */
export interface AccessLogReader {
  list(): Promise<AccessLogFile[]>;
  /** Complete lines from `start`, at most about `maxBytes`; `end` is the offset after the last complete line. */
  read(file: AccessLogFile, start: number, maxBytes: number): Promise<{ text: string; end: number }>;
}

/** A bucket of CloudFront standard log files (gzip, W3C format): immutable objects, read whole. */
export interface LogBucket {
  /** Objects to read: all of them (a folder), or those newly announced (the aws shape's S3 event notices). */
  list(): Promise<LogObject[]>;
  /** The object's text, un-gzipped. */
  readText(key: string): Promise<string>;
  /** The object's usage is recorded, by this run or an earlier one: a notice-driven bucket deletes its notice. */
  settled(key: string): Promise<void>;
}

export interface LogObject {
  key: string;
  size: number;
  /** The tenant whose distribution wrote it, from where it lies (its key prefix); undefined when that names no tenant. */
  servingTenantId: string | undefined;
}

/** A usage quantity for the billing provider's meter, sent once per identifier. */
export interface MeterEventToSend {
  identifier: string;
  customerId: string;
  meter: 'transcode' | 'egress' | 'storage';
  /** A whole number of the meter's base unit (providers accept whole numbers only). */
  value: string;
  timestamp: Date;
}

export type MeterEventOutcome = { identifier: string; status: 'accepted' } | { identifier: string; status: 'rejected'; reason: string };

export interface ProviderInvoice {
  id: string;
  amountDueCents: number;
  hostedUrl: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  nextAttemptAt: Date | null;
}

/** Webhook deliveries, decoded into what billing acts on. */
export type BillingWebhookEvent =
  | { kind: 'checkout-completed'; eventId: string; customerId: string; tenantId: string; planId: string; subscriptionId: string }
  | { kind: 'invoice-paid'; eventId: string; customerId: string; invoice: ProviderInvoice }
  | { kind: 'invoice-payment-failed'; eventId: string; customerId: string; invoice: ProviderInvoice }
  | { kind: 'subscription-changed'; eventId: string; customerId: string; subscriptionId: string; planId: string }
  | { kind: 'subscription-ended'; eventId: string; customerId: string; subscriptionId: string }
  | { kind: 'ignored'; eventId: string; type: string };

/**
 * Billing: the local ledger, or Stripe (customers, a subscription with metered prices, Billing Meters, Checkout,
 * the customer portal, webhooks). Usage amounts and invoices are computed by the domain either way.
 */
/** A plan change as the billing provider prices it. */
export interface ProviderPlanChangeQuote {
  /** Charged at once: the prorated difference (an existing subscription) or the first period's fee (a new one). */
  chargeNowCents: number;
  /** When the next full period, at the new plan's fee, starts. */
  nextPeriodStartsAt: Date;
}

export interface BillingGateway {
  readonly provider: 'local' | 'stripe';
  /** Idempotent per tenant: a retry after a crash returns the same customer. */
  createCustomer(input: { tenantId: string; name: string; email: string | null }): Promise<{ customerId: string }>;
  /** Per-event outcomes; throws when the provider could not be reached (the events are retried, same identifiers). */
  sendMeterEvents(events: readonly MeterEventToSend[]): Promise<MeterEventOutcome[]>;
  /** A hosted payment page for a plan's subscription, or `completed` where no payment method is needed. */
  startCheckout(input: {
    customerId: string;
    tenantId: string;
    planId: string;
    successUrl: string;
    cancelUrl: string;
  }): Promise<{ kind: 'redirect'; url: string } | { kind: 'completed'; subscriptionId: string }>;
  /**
   * Puts a payment method on file without subscribing or charging (Stripe: Checkout in `setup` mode); `completed`
   * where there is no card to collect (the local ledger).
   */
  startPaymentMethodSetup(input: { customerId: string; tenantId: string; successUrl: string; cancelUrl: string }): Promise<{ kind: 'redirect'; url: string } | { kind: 'completed' }>;
  /**
   * What moving a subscription to `planId` charges now, as the provider will compute it (its own periods and
   * proration); undefined where the platform's ledger prices plan changes itself (the local ledger).
   */
  previewPlanChange(input: { customerId: string; subscriptionId: string | null; planId: string; at: Date }): Promise<ProviderPlanChangeQuote | undefined>;
  /** Moves a subscription to a dearer plan at once, invoicing the proration previewed for `at`. */
  upgradeSubscription(input: { subscriptionId: string; planId: string; at: Date }): Promise<void>;
  /** From the end of the subscription's period: ends it (`free`), or moves it to a cheaper plan. */
  scheduleSubscriptionChange(input: { subscriptionId: string; planId: string }): Promise<void>;
  /** Calls off what scheduleSubscriptionChange arranged: the subscription goes on as it is. */
  cancelScheduledSubscriptionChange(input: { subscriptionId: string }): Promise<void>;
  /** Where the customer manages payment methods and invoices; undefined when the provider has no such page. */
  openPortal(input: { customerId: string; returnUrl: string }): Promise<{ url: string } | undefined>;
  /** Verifies and decodes a webhook delivery; throws a DomainError (`unauthenticated`) when it is not authentic. */
  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): BillingWebhookEvent;
}

/** A custom domain's certificate as its authority reports it (ACM in the aws shape). */
export interface CertificateState {
  status: 'pending' | 'issued' | 'failed';
  /** Why it failed, as the authority names it (ACM: the certificate's FailureReason, or its status such as VALIDATION_TIMED_OUT). */
  failureCode?: string;
}

/** Reads the certificates of tenants' custom delivery domains; never creates one (the tenant's stack does). */
export interface DeliveryCertificates {
  describe(tenantId: string, certificateArn: string): Promise<CertificateState>;
}

/**
 * Public DNS answers. A name that does not exist or has no such record is an empty list; a failed lookup (timeout,
 * SERVFAIL) throws, so a resolver's bad moment is never taken for a domain that stopped pointing at us.
 */
export interface DnsResolver {
  resolveCname(host: string): Promise<string[]>;
  /** IPv4 and IPv6 addresses. */
  resolveAddresses(host: string): Promise<string[]>;
}

/**
 * Requests the platform makes to addresses a tenant gave (URL imports, webhook deliveries). Every answer is checked
 * against the same rules: http(s) only; no private, loopback, link-local, unique-local, CGNAT, multicast or
 * unspecified address after DNS resolution, the connection pinned to the address checked; every redirect re-checked;
 * a time limit for the whole exchange and a size limit for the answer. A refusal is an answer, not a throw.
 */
export interface OutboundHttp {
  request(request: OutboundRequest): Promise<OutboundResult>;
}

export interface OutboundRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange, connection to last byte, redirects included. */
  timeoutMs: number;
  /** Bytes of answer body read at most; past it the exchange ends as `too-large`. */
  maxResponseBytes: number;
  /** Redirects followed (each re-checked); 0 answers a redirect as it is. */
  maxRedirects: number;
  /** Where the answer's body goes: a file path (imports), or kept in memory (webhook deliveries, at most maxResponseBytes). */
  saveBodyTo?: string;
}

export type OutboundRefusal = 'bad-url' | 'private-address' | 'dns-failed' | 'too-many-redirects' | 'too-large' | 'timeout' | 'connection-failed';

export type OutboundResult =
  | { ok: true; status: number; headers: Record<string, string>; finalUrl: string; body: Buffer | undefined; bodyBytes: number; elapsedMs: number }
  | { ok: false; refusal: OutboundRefusal; message: string; elapsedMs: number };

/** What a sale's Checkout Session carries back in its webhook: who bought what, in which tenant. */
export interface StoreSaleMetadata {
  tenantId: string;
  offerId: string;
  viewerId: string;
}

/** A tenant's connected account as the payment provider reports it. */
export interface StoreAccountState {
  accountId: string;
  chargesEnabled: boolean;
  detailsSubmitted: boolean;
}

export interface StoreSubscriptionState {
  status: 'trialing' | 'active' | 'past_due' | 'ended';
  periodStart: Date;
  periodEnd: Date;
  cancelAtPeriodEnd: boolean;
}

/** A price on the connected account: one-off (rental, purchase, bundle) or recurring (subscription). */
export interface StorePriceInput {
  accountId: string;
  offerId: string;
  name: string;
  amount: number;
  currency: string;
  interval: 'month' | 'year' | null;
}

export interface StoreCheckoutInput {
  accountId: string;
  mode: 'payment' | 'subscription';
  priceId: string;
  /** The platform's cut: a fixed amount of a payment, a percentage of each subscription invoice. */
  applicationFee: { amount: number } | { percent: number };
  trialDays: number;
  customerEmail: string;
  metadata: StoreSaleMetadata;
  successUrl: string;
  cancelUrl: string;
}

/** A Checkout Session as its events carry it. */
export interface StoreCheckoutSession {
  sessionId: string;
  metadata: StoreSaleMetadata | undefined;
  /** False while a delayed payment method (SEPA debit, bank transfer) has not brought the money, and when it failed. */
  paid: boolean;
  subscriptionId: string | null;
  paymentIntentId: string | null;
  /** A subscription's first invoice. */
  invoiceId: string | null;
  customerId: string | null;
  customerEmail: string | null;
  amountTotal: number;
  currency: string;
}

/** Stripe events on a connected account, in the sales domain's words (adapters/stripe/stripe-store-events.ts). */
export type StoreEvent = { eventId: string; accountId: string; createdAt: Date } &
  // Completed: paid, or (a delayed method) still processing; then the delayed payment succeeded or failed.
  (
    | ({ kind: 'checkout-completed' | 'checkout-payment-succeeded' | 'checkout-payment-failed' } & StoreCheckoutSession)
    | ({ kind: 'subscription-changed'; subscriptionId: string } & StoreSubscriptionState)
    | { kind: 'invoice-paid'; subscriptionId: string; invoiceId: string; periodStart: Date; periodEnd: Date; amountPaid: number; currency: string }
    | { kind: 'invoice-payment-failed'; subscriptionId: string; nextAttemptAt: Date | null }
    | { kind: 'charge-refunded'; paymentIntentId: string; applicationFeeId: string | null; fullyRefunded: boolean; amountRefunded: number; currency: string }
    | { kind: 'charge-disputed'; paymentIntentId: string }
    | { kind: 'account-updated'; chargesEnabled: boolean; detailsSubmitted: boolean }
    | { kind: 'account-deauthorized' }
    | { kind: 'ignored'; type: string }
  );

/** The application fee the platform holds on one payment, as the provider reports it, in the payment's minor units. */
export interface StoreApplicationFee {
  amount: number;
  /** Given back so far (a refund made with `refund_application_fee`, or the fee refunded by itself). */
  refunded: number;
}

/** A Checkout Session of the local payments stand-in, for its checkout page. */
export interface LocalCheckoutSession {
  id: string;
  accountId: string;
  status: 'open' | 'complete';
  productName: string;
  amount: number;
  currency: string;
  interval: 'month' | 'year' | null;
  trialDays: number;
  customerEmail: string;
  successUrl: string;
  cancelUrl: string;
}

/**
 * The local shape's own pages for what Stripe's hosted pages do (onboarding, Checkout, the customer portal): each
 * step answers the StoreEvents Stripe would have sent, for the same domain code to apply.
 */
export interface LocalPaymentPages {
  onboard(accountId: string): Promise<StoreEvent[]>;
  checkoutSession(sessionId: string): Promise<LocalCheckoutSession | undefined>;
  /** 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined; any other number is not a test card. */
  pay(sessionId: string, cardNumber: string): Promise<{ outcome: 'paid'; events: StoreEvent[] } | { outcome: 'declined' | 'not-a-test-card' | 'already-paid' }>;
  cancelAtPeriodEnd(accountId: string, customerId: string): Promise<StoreEvent[]>;
  /** The customer portal's "change card": 4242 4242 4242 4242, or 4000 0000 0000 0341 (saved, then declined when charged). */
  changeCard(accountId: string, customerId: string, cardNumber: string): Promise<'saved' | 'declined' | 'not-a-test-card'>;
  /**
   * What Stripe does on its own clock, done when asked: every subscription whose period has ended by `now` renews with
   * its saved card, goes past due when the card is declined (retried each time until the grace ends, then ended), or
   * ends when it was cancelled at period end. Its events are kept until delivered (undeliveredEvents).
   */
  renewDue(now: Date): Promise<void>;
  /** Events made by renewals and not yet applied, oldest first; `delivered` once applied. */
  undeliveredEvents(): Promise<{ id: string; event: StoreEvent }[]>;
  delivered(id: string): Promise<void>;
}

/**
 * Selling on the tenant's own payment account (Stripe Connect: the tenant is the merchant of record and the platform
 * takes an application fee). Every call after createAccount acts on the connected account.
 */
export interface StorePayments {
  readonly provider: 'local' | 'stripe';
  /** Idempotent per tenant (and per account it replaces, after a disconnection): a retry returns the account created the first time. */
  createAccount(input: { tenantId: string; email: string | null; replacing?: string }): Promise<{ accountId: string }>;
  /** Where the tenant fills in its details; `returnUrl` when done, `refreshUrl` when the link expired. */
  onboardingLink(input: { accountId: string; returnUrl: string; refreshUrl: string }): Promise<{ url: string }>;
  readAccount(accountId: string): Promise<StoreAccountState>;
  /** A subscription's state now, to grant a new subscriber exactly what Stripe holds whatever order its events come in. */
  readSubscription(accountId: string, subscriptionId: string): Promise<StoreSubscriptionState>;
  createPrice(input: StorePriceInput): Promise<{ productId: string; priceId: string }>;
  createCheckout(input: StoreCheckoutInput): Promise<{ sessionId: string; url: string }>;
  /** Stripe's customer portal on the connected account: cancel, change card, invoices. */
  customerPortal(input: { accountId: string; customerId: string; returnUrl: string }): Promise<{ url: string }>;
  /** Verifies and decodes a Connect webhook; throws a DomainError (`unauthenticated`) when it is not authentic. */
  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): StoreEvent;
  /**
   * The application fee on the payment an event moved (a sale, a renewal's invoice, a refunded charge), read from the
   * provider; undefined when it cannot tell (the report then estimates the fee from the plan).
   */
  applicationFeeOf(event: StoreEvent): Promise<StoreApplicationFee | undefined>;
}
