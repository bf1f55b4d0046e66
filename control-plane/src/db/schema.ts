// Kysely table types; mirror migrations/.
import type { Chapter, Credit, CustomFields, MediaNote, VideoRange } from '@ott/contracts';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { EmailKind, ProvisioningStep } from '../ports.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, never, never>;
/** pg returns bigint as string; we keep sizes below 2^53 and parse them at the edge of the data layer. */
type BigIntColumn = ColumnType<string, number | string, number | string>;

/** `offboarding`: its infrastructure is being destroyed; `offboarded`: gone, the row kept for invoices and audit. */
export type TenantStatus = 'provisioning' | 'active' | 'failed' | 'offboarding' | 'offboarded';
export type AdminRole = 'owner' | 'admin';
export type AccessMode = 'public' | 'viewers' | 'token';
export type VideoStatus = 'uploading' | 'queued' | 'processing' | 'ready' | 'failed';

export interface VideoAssets {
  masterPlaylist: string;
  poster: string;
  thumbnails: { path: string; timeSeconds: number }[];
  storyboard: { image: string; vtt: string; intervalSeconds: number; tileWidth: number; tileHeight: number };
}

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  plan: Generated<string>;
  status: Generated<TenantStatus>;
  failure_reason: string | null;
  allowed_origins: Generated<string[]>;
  storage_prefix: string | null;
  viewer_pool_id: string | null;
  /** The tenant's own delivery host (aws shape: its CloudFront or custom domain); null means the platform's edge. */
  delivery_domain: string | null;
  /** While provisioning: `placed` or `applying` (ports.ts ProvisioningStep). */
  provisioning_step: ProvisioningStep | null;
  accent_color: string | null;
  logo_key: string | null;
  logo_content_type: string | null;
  /** "Where your viewers watch": linked from viewer invitations (migration 0024-viewer-site). */
  viewer_site_url: string | null;
  /** The language every ready video gets automatic captions in; null: none (migration 0032-automatic-captions). */
  automatic_captions_language: string | null;
  /** Anyone may create a viewer account, confirming their e-mail with a code (0041); otherwise viewers are invited. */
  viewer_sign_up: Generated<boolean>;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
}

export interface AdminsTable {
  id: Generated<string>;
  tenant_id: string;
  email: string;
  password_hash: string;
  role: AdminRole;
  token_version: Generated<number>;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Invited by email and no password chosen yet (migration 0024-admin-email-links). */
  invitation_pending: Generated<boolean>;
  created_at: CreatedAt & Generated<Date>;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  tenant_id: string;
  admin_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Timestamp;
  /** When this token was exchanged for its successor; presenting it again after that is reuse. */
  rotated_at: Timestamp | null;
  created_at: CreatedAt & Generated<Date>;
}

/** Why a refresh-token family ended ('before-families': revoked before families existed, lineage unknown). */
export type SessionEndReason = 'signed-out' | 'reused' | 'password-changed' | 'before-families';

/** One sign-in's chain of refresh tokens: a session on one device. */
export interface RefreshTokenFamiliesTable {
  id: Generated<string>;
  tenant_id: string;
  admin_id: string;
  /** The newest token's expiry: the family lives as long as its newest token. */
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: SessionEndReason | null;
  created_at: CreatedAt & Generated<Date>;
}

export type SigningKeyStatus = 'pending' | 'active' | 'previous' | 'retired';

export interface TenantSigningKeysTable {
  key_pair_id: string;
  tenant_id: string;
  public_key_pem: string;
  private_key_sealed: string;
  /**
   * `pending` is being added to the CDN's trusted set and signs nothing yet; `active` signs new grants (one per tenant);
   * `previous` is still trusted until `retire_after`, when its grants have expired; `retired` is refused.
   */
  status: Generated<SigningKeyStatus>;
  created_at: CreatedAt & Generated<Date>;
  /** The id the CDN verifies this key's grants by (CloudFront's public key id; ours locally), once an apply confirmed it. */
  cdn_key_id: string | null;
  activated_at: Timestamp | null;
  retire_after: Timestamp | null;
  /** Set: the next apply leaves this key out of the CDN's trusted set (its grants have expired, or it leaked). */
  removal_requested_at: Timestamp | null;
  /** Why the last apply that should have trusted this pending key failed (operator text, never shown to tenants). */
  apply_error: string | null;
}

export interface ViewerPoolsTable {
  id: string;
  tenant_id: string;
  key_id: string;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  private_key_sealed: string;
  created_at: CreatedAt & Generated<Date>;
}

export interface ViewersTable {
  id: Generated<string>;
  tenant_id: string;
  pool_id: string;
  email: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  created_at: CreatedAt & Generated<Date>;
  /** A forgotten-password code (hashed), when it ends, and the wrong tries it met (migration 0023). */
  reset_code_hash: string | null;
  reset_code_expires_at: Date | null;
  reset_code_attempts: Generated<number>;
}

/** A sign-up waiting for its e-mail code (0041): one per address and tenant, replaced by a new request. */
export interface ViewerSignUpsTable {
  tenant_id: string;
  email: string;
  code_hash: string;
  expires_at: Date;
  attempts: Generated<number>;
  created_at: CreatedAt & Generated<Date>;
}

/** Where a signed-in viewer stopped in a video (0042), from their player's reports; `finished` near the end. */
export interface ViewerProgressTable {
  tenant_id: string;
  viewer_id: string;
  video_id: string;
  position_seconds: number;
  finished: Generated<boolean>;
  updated_at: Generated<Date>;
}

/** A title a signed-in viewer saved to "my list" (0042). */
export interface ViewerListItemsTable {
  tenant_id: string;
  viewer_id: string;
  video_id: string;
  added_at: Generated<Date>;
}

export interface PlaybackKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  secret_sealed: string;
  created_at: CreatedAt & Generated<Date>;
  revoked_at: Timestamp | null;
}

export interface ApiKeysTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  /** `ott_sk_` and 8 id characters: shown, logged, and how a presented key is found. */
  prefix: string;
  /** sha256 of the whole key. */
  secret_hash: Buffer;
  scopes: string[];
  created_by_admin_id: string | null;
  created_at: CreatedAt & Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  api_key_id: string;
  key: string;
  /** method, path and sha256 of the body. */
  fingerprint: string;
  /** null while the first request runs. */
  status: number | null;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface VideosTable {
  id: Generated<string>;
  tenant_id: string;
  title: string;
  description: Generated<string>;
  access_mode: Generated<AccessMode>;
  status: Generated<VideoStatus>;
  failure_reason: string | null;
  progress: Generated<number>;
  source_key: string;
  source_filename: string;
  source_size: BigIntColumn;
  /**
   * The multipart upload while the original is not assembled: set while uploading, and kept when the upload
   * expired (its parts deleted); null once the original is stored. Stored-bytes sums count rows where it is null.
   */
  upload_id: string | null;
  part_size: number;
  /** When an unfinished upload expires (set at creation from OTT_UPLOAD_EXPIRY_HOURS). */
  upload_expires_at: Timestamp | null;
  duration_seconds: number | null;
  width: number | null;
  height: number | null;
  assets: ColumnType<VideoAssets | null, string | null, string | null>;
  /** Set while a processing video is already playable from its early-published package; null otherwise. */
  early_master_playlist: string | null;
  heartbeat_at: Timestamp | null;
  /** When the current transcode attempt started (0026): the time-left estimate is the rate since then. */
  processing_started_at: Timestamp | null;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
  ready_at: Timestamp | null;
  /** The folder of the package being played (0028): 0 is the video's own, n is `r{n}/` inside it. */
  package_revision: Generated<number>;
  /** A new source on its way (domain/videos/replace-source.ts) while the current package keeps playing; null when none. */
  replacement_status: ReplacementStatus | null;
  replacement_progress: Generated<number>;
  replacement_failure_reason: string | null;
  replacement_source_key: string | null;
  replacement_source_filename: string | null;
  replacement_source_size: ColumnType<string | null, number | string | null, number | string | null>;
  replacement_upload_id: string | null;
  replacement_part_size: number | null;
  replacement_upload_expires_at: Timestamp | null;
  /** As the master playlist says in VIDEO-RANGE (0029): SDR for every H.264 ladder, HDR sources being tone-mapped. */
  video_range: Generated<VideoRange>;
  /** What the source had that did not become part of the package (0029), said to the tenant. */
  media_notes: ColumnType<MediaNote[], string | undefined, string>;
  /** Titles and start times, ascending (0030): domain/chapters/ validates and publishes them as chapters.vtt. */
  chapters: ColumnType<Chapter[], string | undefined, string>;
  /** Static MP4 downloads switched on for the video (0031). */
  downloads_enabled: Generated<boolean>;
  /** The download files made, paths from the video's prefix (0031). */
  downloads: ColumnType<VideoDownload[], string | undefined, string>;
  downloads_status: DownloadsStatus | null;
  downloads_failure_reason: string | null;
  /** The video this clip was cut from (0031); null for a video that is not a clip, or whose parent was deleted. */
  clip_of: string | null;
  /** The range of the original (`source_key`) that is this video; both null for a video that is not a clip. */
  clip_start_seconds: number | null;
  clip_end_seconds: number | null;
  /** When the video may first be watched (0039); null: as soon as it is ready. */
  publish_at: Timestamp | null;
  /** When it may no longer be watched (0039); null: never ends. After publish_at when both are set. */
  unpublish_at: Timestamp | null;
  /** Whether `countries` lists who may watch ('allow') or who may not ('deny'); null: everywhere (0039). */
  country_rule: CountryRuleMode | null;
  /** ISO 3166-1 alpha-2 codes for country_rule; empty when it is null. */
  countries: ColumnType<string[], string[] | undefined, string[]>;
  /** Catalogue metadata (0038), validated by domain/catalogue/catalogue-rules.ts. */
  categories: ColumnType<string[], string[] | undefined, string[]>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  release_year: number | null;
  maturity_rating: string | null;
  credits: ColumnType<Credit[], string | undefined, string>;
  custom_fields: ColumnType<CustomFields, string | undefined, string>;
  /** Generated from title, categories, tags, credits and description (0038): what search matches. */
  search_document: ColumnType<string, never, never>;
}

export type CountryRuleMode = 'allow' | 'deny';

export type DownloadsStatus = 'processing' | 'ready' | 'failed';

/** A static MP4 of the video: `path` from the video's prefix (`downloads/720p.mp4`). */
export interface VideoDownload {
  name: string;
  width: number;
  height: number;
  bytes: number;
  path: string;
}

export type TrackStatus = 'processing' | 'ready' | 'failed';

/** An audio rendition of a video (0029): a track of the source (per package revision) or a dub added afterwards. */
export interface AudioTracksTable {
  id: Generated<string>;
  tenant_id: string;
  video_id: string;
  origin: 'source' | 'dub';
  revision: number | null;
  position: Generated<number>;
  language: string;
  name: string;
  is_default: Generated<boolean>;
  channels: Generated<number>;
  codecs: Generated<string>;
  bandwidth: Generated<number>;
  bytes: ColumnType<string, number | string | undefined, number | string>;
  /** From the video's prefix; null until published. */
  playlist_path: string | null;
  status: Generated<TrackStatus>;
  failure_reason: string | null;
  source_key: string | null;
  /** A dub still uploading (0036): its multipart upload, declared size, part size and deadline; null once complete. */
  upload_id: string | null;
  source_size: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  part_size: number | null;
  upload_expires_at: Timestamp | null;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
}

/** A folder of a video its master no longer names (0037): deleted once `delete_after` has passed. */
/** A tenant's connected Stripe account, where it sells to its viewers (migration 0040-monetisation). */
export interface StoreAccountsTable {
  tenant_id: string;
  stripe_account_id: string;
  charges_enabled: Generated<boolean>;
  details_submitted: Generated<boolean>;
  /** Set when the tenant disconnected (or deauthorised the platform in Stripe): sales stop, entitlements stay. */
  disconnected_at: Date | null;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Generated<Date>;
}

export type OfferKind = 'subscription' | 'rental' | 'purchase' | 'bundle';
export type EntitlementStatus = 'active' | 'trialing' | 'past_due' | 'ended' | 'refunded' | 'disputed';

export interface OffersTable {
  id: Generated<string>;
  tenant_id: string;
  kind: OfferKind;
  name: string;
  /** Minor units of `currency` (cents), as Stripe counts them. */
  amount: number;
  currency: string;
  billing_interval: 'month' | 'year' | null;
  trial_days: Generated<number>;
  covers_everything: Generated<boolean>;
  video_ids: Generated<string[]>;
  collection_ids: Generated<string[]>;
  max_height: number | null;
  rental_start_days: number | null;
  rental_watch_hours: number | null;
  stripe_product_id: string | null;
  stripe_price_id: string | null;
  archived_at: Date | null;
  created_at: CreatedAt & Generated<Date>;
}

export interface EntitlementsTable {
  id: Generated<string>;
  tenant_id: string;
  viewer_id: string;
  offer_id: string;
  kind: OfferKind;
  covers_everything: boolean;
  video_ids: string[];
  collection_ids: string[];
  max_height: number | null;
  status: EntitlementStatus;
  period_start: Date | null;
  period_end: Date | null;
  cancel_at_period_end: Generated<boolean>;
  rental_start_by: Date | null;
  rental_watch_hours: number | null;
  rental_started_at: Date | null;
  rental_ends_at: Date | null;
  amount: Generated<number>;
  currency: string;
  stripe_account_id: string;
  stripe_checkout_session_id: string;
  stripe_subscription_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_customer_id: string | null;
  state_as_of: Date;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Generated<Date>;
}

/** The local shape's stand-in for Stripe's objects (migration 0040-monetisation). */
export interface LocalPaymentObjectsTable {
  id: string;
  kind: 'account' | 'price' | 'checkout_session' | 'subscription' | 'customer';
  account_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt & Generated<Date>;
}

export interface EntitlementEventsTable {
  id: Generated<string>;
  tenant_id: string;
  entitlement_id: string | null;
  stripe_event_id: string;
  event_type: string;
  outcome: string;
  event_created_at: Date;
  amount: number | null;
  currency: string | null;
  platform_fee: number | null;
  received_at: Generated<Date>;
}

export interface RetiredFoldersTable {
  prefix: string;
  tenant_id: string;
  video_id: string;
  delete_after: Date;
}

/** A series (0038): seasons of episodes, each episode a video. Deleting it keeps its videos. */
export interface SeriesTable {
  id: Generated<string>;
  tenant_id: string;
  title: string;
  description: Generated<string>;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  release_year: number | null;
  maturity_rating: string | null;
  /** The video whose poster the series shows; null when none (or that video was deleted). */
  poster_video_id: string | null;
  search_document: ColumnType<string, never, never>;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
}

/** A season of a series (0038), numbered from 1 and unique within the series. */
export interface SeasonsTable {
  id: Generated<string>;
  tenant_id: string;
  series_id: string;
  number: number;
  title: Generated<string>;
  created_at: CreatedAt & Generated<Date>;
}

/** A video placed in a season (0038): the video id is the key, so a video is in at most one series. */
export interface EpisodesTable {
  video_id: string;
  tenant_id: string;
  series_id: string;
  season_id: string;
  episode_number: number;
}

/** A curated, ordered row of titles (0038), at `position` among the tenant's collections. */
export interface CollectionsTable {
  id: Generated<string>;
  tenant_id: string;
  title: string;
  slug: string;
  description: Generated<string>;
  position: number;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
}

/** A title in a collection (0038): exactly one of `video_id` and `series_id`. */
export interface CollectionItemsTable {
  id: Generated<string>;
  tenant_id: string;
  collection_id: string;
  position: number;
  video_id: string | null;
  series_id: string | null;
}

/** A captions or subtitles track (0029): the canonical WebVTT is `webvtt`; players read the segmented copy at `playlist_path`. */
export interface TextTracksTable {
  id: Generated<string>;
  tenant_id: string;
  video_id: string;
  origin: 'uploaded' | 'embedded' | 'automatic';
  revision: number | null;
  language: string;
  label: string;
  kind: Generated<'subtitles' | 'captions'>;
  is_default: Generated<boolean>;
  forced: Generated<boolean>;
  status: Generated<TrackStatus>;
  failure_reason: string | null;
  webvtt: string | null;
  cue_count: Generated<number>;
  /** From the video's prefix; null until published. */
  playlist_path: string | null;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
}

export type ReplacementStatus = 'uploading' | 'queued' | 'processing' | 'failed';

export interface RenditionsTable {
  id: Generated<string>;
  tenant_id: string;
  video_id: string;
  name: string;
  width: number;
  height: number;
  frame_rate: number;
  video_codec: string;
  codecs: string;
  bandwidth: number;
  average_bandwidth: number;
  duration_seconds: number;
  bytes: BigIntColumn;
  playlist_path: string;
}

/** One viewer's playback session, as the player's QoE beacons last reported it (running totals). */
export interface PlaybackSessionsTable {
  session_id: string;
  tenant_id: string;
  video_id: string;
  /** The tenant admin's preview in the portal (0027), as its session token says: not a view. */
  preview: Generated<boolean>;
  startup_ms: number | null;
  rebuffer_ms: Generated<number>;
  rebuffer_count: Generated<number>;
  bitrate_switches: Generated<number>;
  errors: Generated<number>;
  watched_seconds: Generated<number>;
  /** Reports received (0015): a session may only send so many for its age. */
  reports: Generated<number>;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
}

/** Requests the edge refused (0015), per tenant, video, hour and status: never billed, kept for the operator. */
export interface RefusedDeliveriesTable {
  event_key: string;
  tenant_id: string;
  video_id: string | null;
  hour: Timestamp;
  status: number;
  source: string;
  requests: BigIntColumn;
  bytes: BigIntColumn;
  recorded_at: CreatedAt & Generated<Date>;
}

// Metering and billing (0003). Quantities are whole base units of their meter (see domain/usage/meters.ts).
export interface UsageEventsTable {
  id: Generated<string>;
  tenant_id: string;
  event_key: string;
  meter: string;
  quantity: BigIntColumn;
  video_id: string | null;
  occurred_at: Timestamp;
  recorded_at: CreatedAt & Generated<Date>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  invoice_id: string | null;
}

export interface UsageRollupsTable {
  tenant_id: string;
  granularity: 'hour' | 'day';
  meter: string;
  bucket_start: Timestamp;
  quantity: BigIntColumn;
  event_count: number;
}

export interface LogCursorsTable {
  source: string;
  file_id: string;
  fingerprint: string;
  location: string;
  byte_offset: BigIntColumn;
  lines: ColumnType<string, number | string | undefined, number | string>;
  finished: Generated<boolean>;
  updated_at: Timestamp;
}

export type OutboxStatus = 'pending' | 'sent' | 'skipped' | 'failed';

export interface MeterOutboxTable {
  id: Generated<string>;
  tenant_id: string;
  identifier: string;
  meter: string;
  quantity: BigIntColumn;
  occurred_at: Timestamp;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date> & Timestamp;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt & Generated<Date>;
}

export interface BillingAccountsTable {
  tenant_id: string;
  provider: 'local' | 'stripe';
  customer_id: string;
  subscription_id: string | null;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
  /** When a payment method was put on file (the local ledger's stand-in for a card; Stripe keeps the card). */
  payment_method_added_at: Timestamp | null;
}

export interface BillingPeriodsTable {
  id: Generated<string>;
  tenant_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  plan_id: string;
  status: Generated<'open' | 'closed'>;
  closed_at: Timestamp | null;
  /** The plan whose monthly fee this period bills (the one it started on); null: plan_id. An upgrade adds a prorated adjustment instead. */
  fee_plan_id: string | null;
  /** A downgrade that takes effect when this period ends. */
  next_plan_id: string | null;
}

/** A one-off line on a period's invoice: an upgrade's prorated charge. */
export interface BillingAdjustmentsTable {
  id: Generated<string>;
  tenant_id: string;
  period_id: string;
  description: string;
  amount_cents: number;
  created_at: CreatedAt & Generated<Date>;
}

export interface InvoicesTable {
  id: Generated<string>;
  tenant_id: string;
  period_id: string;
  number: string;
  plan_id: string;
  currency: Generated<string>;
  total_cents: BigIntColumn;
  lines: ColumnType<unknown, string, string>;
  issued_at: Timestamp;
}

export type ProviderInvoiceStatus = 'open' | 'paid' | 'payment_failed' | 'void';

export interface ProviderInvoicesTable {
  provider_invoice_id: string;
  tenant_id: string;
  status: ProviderInvoiceStatus;
  amount_due_cents: BigIntColumn;
  hosted_url: string | null;
  period_start: Timestamp | null;
  period_end: Timestamp | null;
  failed_at: Timestamp | null;
  paid_at: Timestamp | null;
  next_attempt_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface BillingWebhookEventsTable {
  event_id: string;
  type: string;
  received_at: CreatedAt & Generated<Date>;
}

/** api/shared-rate-limiter.ts: one counter per hashed key, shared by every API process. */
export interface RateLimitsTable {
  key: string;
  hits: number;
  expires_at: Timestamp;
  blocked_until: Timestamp | null;
}

/** A tenant's custom delivery domain (migration 0018; domain/tenants/custom-domain.ts). */
export interface TenantCustomDomainsTable {
  tenant_id: string;
  domain_name: string;
  status: Generated<'requested' | 'awaiting-dns-validation' | 'issued' | 'active' | 'failed'>;
  certificate_arn: string | null;
  validation_records: ColumnType<{ name: string; type: string; value: string }[], string | undefined, string>;
  target_domain: string | null;
  alias_attached: Generated<boolean>;
  problem: string | null;
  checked_at: Timestamp | null;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
}

export type WebhookEndpointStatus = 'enabled' | 'disabled';
export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookEndpointsTable {
  id: Generated<string>;
  tenant_id: string;
  url: string;
  description: Generated<string>;
  /** Empty: every event type. */
  event_types: Generated<string[]>;
  /** Sealed (crypto/secret-box.ts) `whsec_…`. */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Timestamp | null;
  status: Generated<WebhookEndpointStatus>;
  disabled_reason: string | null;
  disabled_at: Timestamp | null;
  failing_since: Timestamp | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: Timestamp;
}

export interface WebhookEventsTable {
  id: string;
  tenant_id: string;
  type: string;
  ordering_key: string | null;
  payload: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  tenant_id: string;
  event_id: string;
  endpoint_id: string;
  ordering_key: string | null;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_until: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  delivered_at: Timestamp | null;
}

export interface WebhookDeliveryAttemptsTable {
  delivery_id: string;
  attempt: number;
  tenant_id: string;
  at: Timestamp;
  request_headers: ColumnType<Record<string, string>, string, string>;
  request_body: string;
  response_status: number | null;
  response_body: string | null;
  latency_ms: number;
  error: string | null;
}

export type DirectUploadStatus = 'waiting' | 'uploading' | 'completed' | 'cancelled' | 'expired';

/** A one-time upload a tenant's backend hands to a browser (domain/videos/direct-uploads.ts). */
export interface DirectUploadsTable {
  id: string;
  tenant_id: string;
  max_size_bytes: BigIntColumn;
  expires_at: Timestamp;
  /** The one web origin whose pages may use it; null: no browser page may (apps and servers still can). */
  cors_origin: string | null;
  /** The new video's settings; null: as an upload from the portal would have them. */
  title: string | null;
  description: string | null;
  access_mode: AccessMode | null;
  passthrough: string | null;
  status: Generated<DirectUploadStatus>;
  video_id: string | null;
  source_filename: string | null;
  source_size: BigIntColumn | null;
  started_at: Timestamp | null;
  created_by_key_id: string | null;
  created_at: CreatedAt & Generated<Date>;
  updated_at: Timestamp;
}

/** Where an imported video's original is fetched from (domain/videos/video-imports.ts). */
export interface VideoImportsTable {
  video_id: string;
  tenant_id: string;
  source_url: string;
  created_by_key_id: string | null;
  created_at: CreatedAt & Generated<Date>;
  finished_at: Timestamp | null;
}

/** Single-use links emailed to admins: an invitation (first password) or a password reset; only the token's hash. */
export interface AdminEmailLinksTable {
  id: Generated<string>;
  tenant_id: string;
  admin_id: string;
  purpose: 'invitation' | 'password-reset';
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt & Generated<Date>;
}

/** The local shape's development mailbox (adapters/local/development-mailbox.ts); a null tenant is platform mail. */
export interface DevelopmentMailboxTable {
  id: Generated<string>;
  tenant_id: string | null;
  kind: EmailKind;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: CreatedAt & Generated<Date>;
}

export interface Database {
  tenants: TenantsTable;
  admins: AdminsTable;
  refresh_tokens: RefreshTokensTable;
  refresh_token_families: RefreshTokenFamiliesTable;
  tenant_signing_keys: TenantSigningKeysTable;
  viewer_pools: ViewerPoolsTable;
  viewers: ViewersTable;
  playback_keys: PlaybackKeysTable;
  videos: VideosTable;
  renditions: RenditionsTable;
  audio_tracks: AudioTracksTable;
  text_tracks: TextTracksTable;
  retired_folders: RetiredFoldersTable;
  series: SeriesTable;
  seasons: SeasonsTable;
  episodes: EpisodesTable;
  collections: CollectionsTable;
  collection_items: CollectionItemsTable;
  store_accounts: StoreAccountsTable;
  offers: OffersTable;
  entitlements: EntitlementsTable;
  entitlement_events: EntitlementEventsTable;
  local_payment_objects: LocalPaymentObjectsTable;
  usage_events: UsageEventsTable;
  usage_rollups: UsageRollupsTable;
  log_cursors: LogCursorsTable;
  meter_outbox: MeterOutboxTable;
  billing_accounts: BillingAccountsTable;
  billing_periods: BillingPeriodsTable;
  billing_adjustments: BillingAdjustmentsTable;
  invoices: InvoicesTable;
  provider_invoices: ProviderInvoicesTable;
  billing_webhook_events: BillingWebhookEventsTable;
  playback_sessions: PlaybackSessionsTable;
  rate_limits: RateLimitsTable;
  refused_deliveries: RefusedDeliveriesTable;
  tenant_custom_domains: TenantCustomDomainsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  direct_uploads: DirectUploadsTable;
  video_imports: VideoImportsTable;
  development_mailbox: DevelopmentMailboxTable;
  admin_email_links: AdminEmailLinksTable;
  viewer_sign_ups: ViewerSignUpsTable;
  viewer_progress: ViewerProgressTable;
  viewer_list_items: ViewerListItemsTable;
  analytics_salts: AnalyticsSaltsTable;
  analytics_session_state: AnalyticsSessionStateTable;
  analytics_events: AnalyticsEventsTable;
  analytics_minute: AnalyticsRollupTable;
  analytics_hour: AnalyticsRollupTable;
  analytics_day: AnalyticsRollupTable;
  analytics_retention: AnalyticsRetentionTable;
  analytics_viewer_days: AnalyticsViewerDaysTable;
  analytics_renditions: AnalyticsRenditionsTable;
  analytics_errors: AnalyticsErrorsTable;
}

/** What a viewer's session is broken down by, resolved at ingest (domain/analytics/). */
export interface AnalyticsDimensionColumns {
  country: string;
  device_type: string;
  os: string;
  browser: string;
  referrer_origin: string;
  player_version: string;
  access_mode: string;
}

export interface AnalyticsSaltsTable {
  day: string;
  salt: Buffer;
}

export interface AnalyticsSessionStateTable extends AnalyticsDimensionColumns {
  session_id: string;
  tenant_id: string;
  video_id: string;
  started_at: Date;
  viewer_id: string | null;
  viewer_hash: string;
  events: Generated<number>;
  viewed: Generated<boolean>;
  failed: Generated<boolean>;
  completed: Generated<boolean>;
  error_code: Generated<string | null>;
  rebuffer_ms: ColumnType<string, number | string | undefined, number | string>;
  rebuffer_count: Generated<number>;
  watch_seconds: Generated<number>;
  retention_bucket: Generated<number>;
  /** Seconds already counted per rendition height: `{ "1080": 12.5 }`. */
  rendition_seconds: Generated<Record<string, number>>;
  updated_at: Date;
}

export interface AnalyticsEventsTable extends AnalyticsDimensionColumns {
  tenant_id: string;
  session_id: string;
  sequence: number;
  received_at: Date;
  video_id: string;
  viewer_id: string | null;
  viewer_hash: string;
  session_start: number;
  views: number;
  failures: number;
  completions: number;
  startup_ms: number | null;
  first_frame_height: number | null;
  error_code: string | null;
  rebuffer_ms: BigIntColumn;
  rebuffer_count: number;
  watch_seconds: number;
  retention_from: number;
  retention_to: number;
  renditions: { height: number; bitrateKbps: number; seconds: number }[];
}

export interface AnalyticsRollupTable extends AnalyticsDimensionColumns {
  tenant_id: string;
  video_id: string;
  bucket: Date;
  sessions: BigIntColumn;
  views: BigIntColumn;
  failures: BigIntColumn;
  completions: BigIntColumn;
  watch_seconds: number;
  rebuffer_ms: BigIntColumn;
  rebuffer_count: BigIntColumn;
  startup_histogram: string[];
}

export interface AnalyticsRetentionTable {
  tenant_id: string;
  video_id: string;
  day: string;
  point: number;
  reached: BigIntColumn;
}

export interface AnalyticsViewerDaysTable {
  tenant_id: string;
  day: string;
  video_id: string;
  viewer_hash: string;
}

export interface AnalyticsRenditionsTable {
  tenant_id: string;
  video_id: string;
  day: string;
  height: number;
  watch_seconds: number;
  kilobits: number;
  first_frames: BigIntColumn;
  first_frame_ms: BigIntColumn;
}

export interface AnalyticsErrorsTable {
  tenant_id: string;
  video_id: string;
  day: string;
  code: string;
  sessions: BigIntColumn;
}

export type Tenant = Selectable<TenantsTable>;
export type Video = Selectable<VideosTable>;
export type NewVideo = Insertable<VideosTable>;
export type Rendition = Selectable<RenditionsTable>;
export type DirectUpload = Selectable<DirectUploadsTable>;
