// @ott/contracts: what the control plane, the portal, the player and the CLI must agree on.
export { apiErrorCodeOf, type ApiErrorCode } from './api-error-code.js';
export type { Branding } from './branding.js';
export { checkEmbedOrigin, type EmbedOriginCheck } from './embed-origin.js';
export { formatBytes } from './format-bytes.js';
export { formatCents } from './format-cents.js';
export type { PlaybackAuthorization, PlaybackAuthorizationJson } from './playback-authorization.js';
export { qoeReportSchema, type QoeReport } from './qoe-report.js';
export { TRPC_MAX_BATCH_CALLS } from './trpc-batch-limit.js';
export type { PartUrlBatch, StoredPart, StoredParts, UploadTicket } from './upload-protocol.js';
export { checkDeliveryDomainName, type CustomDomainAvailability, type CustomDomainStatus, type CustomDomainView, type DeliveryDomainNameCheck, type DnsRecordToCreate } from './custom-domain.js';
