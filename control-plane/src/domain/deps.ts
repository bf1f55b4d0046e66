// What domain operations are given by the composition root. Tests build the same object with local adapters.
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import type {
  BillingGateway,
  Clock,
  DeliveryCertificates,
  DnsResolver,
  EmailSender,
  IdentityProvider,
  JobQueue,
  ObjectStore,
  OutboundHttp,
  PlaybackSigner,
  SpeechToText,
  StorePayments,
  TenantProvisioner,
  Transcoder,
} from '../ports.js';

export interface DomainDeps {
  db: Db;
  store: ObjectStore;
  queue: JobQueue;
  transcoder: Transcoder;
  signer: PlaybackSigner;
  identity: IdentityProvider;
  provisioner: TenantProvisioner;
  secrets: SecretBox;
  clock: Clock;
  /** HS256 key for admin access tokens. */
  authSecret: Uint8Array;
  urls: { api: string; edge: string };
  playback: { grantSeconds: number };
  /**
   * How long an unfinished upload may take before it expires (OTT_UPLOAD_EXPIRY_HOURS), and an import from a URL may
   * take to download (OTT_IMPORT_TIMEOUT_SECONDS; 30 minutes when not given).
   */
  uploads: { expiryHours: number; importTimeoutSeconds?: number };
  /** The local ledger, or Stripe when STRIPE_SECRET_KEY is set. */
  billing: BillingGateway;
  /** The platform operator's bearer token (OTT_OPERATOR_TOKEN); undefined disables operator procedures. */
  operatorToken: string | undefined;
  /** Requests to tenant-given URLs (imports, webhook deliveries): SSRF-guarded, private addresses refused. */
  outbound: OutboundHttp;
  /** Invitations, password resets and billing notices: the development mailbox, SMTP (OTT_SMTP_URL) or SES. */
  email: EmailSender;
  /** True when mail goes to the development mailbox (local shape without SMTP): the portal then shows its inbox. */
  developmentInbox?: boolean;
  /** Custom delivery domains: only where tenants have their own CDN distribution (the aws shape); absent, tenants are told they are not available. */
  customDomains?: { certificates: DeliveryCertificates; dns: DnsResolver };
  /** Automatic captions: pocketsphinx locally; absent where the shape has no speech to text, and then they are refused as unavailable. */
  speechToText?: SpeechToText;
  /** Selling to viewers on the tenant's own account (Stripe Connect, or the local stand-in); absent, sales are refused as unavailable. */
  storePayments?: StorePayments;
}
