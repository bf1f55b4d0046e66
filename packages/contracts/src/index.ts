// @ott/contracts: what the control plane, the portal, the player and the CLI must agree on.
export { apiErrorCodeOf, type ApiErrorCode } from './api-error-code.js';
export type { Branding } from './branding.js';
export { checkEmbedOrigin, type EmbedOriginCheck } from './embed-origin.js';
export { formatBytes } from './format-bytes.js';
export { formatCents } from './format-cents.js';
export type { AvailabilityRefusalReason, PlaybackAuthorization, PlaybackAuthorizationJson, PlaybackRefusalReason, UnlockingOffer } from './playback-authorization.js';
export { COUNTRY_NAMES, countryCodeProblem, isCountryCode, type CountryCode } from './countries.js';
export type { AvailabilityState, CountryRule, VideoAvailability, VideoAvailabilityFields } from './availability.js';
export { CHECKOUT_RETURN_PARAM } from './checkout-return.js';
export { formatMinorUnits, minorDigits } from './format-minor-units.js';
export { qoeReportSchema, type QoeReport } from './qoe-report.js';
export { TRPC_MAX_BATCH_CALLS } from './trpc-batch-limit.js';
export type { PartUrlBatch, StoredPart, StoredParts, UploadTicket } from './upload-protocol.js';
export { checkDeliveryDomainName, type CustomDomainAvailability, type CustomDomainStatus, type CustomDomainView, type DeliveryDomainNameCheck, type DnsRecordToCreate } from './custom-domain.js';
export { API_KEY_PREFIX_PATTERN, API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, type ApiKeyScope } from './api-keys.js';
export type { RestErrorBody, RestErrorCode, RestPage } from './rest-error.js';
export { WEBHOOK_EVENT_TYPES, type WebhookEventBody, type WebhookEventType } from './webhook-events.js';
export type { ViewerSignInScreen } from './viewer-sign-in-screen.js';
export {
  LANGUAGE_TAG_PATTERN,
  MEDIA_TRACK_LIMITS,
  type AudioTrackOrigin,
  type AudioTrackSummary,
  type CaptionCue,
  type Chapter,
  type MediaNote,
  type MediaTrackStatus,
  type TextTrackKind,
  type TextTrackOrigin,
  type TextTrackSummary,
  type VideoRange,
} from './media-tracks.js';
export { formatChapterTime, parseChapterList, parseChapterTime, type ChapterListParse } from './chapter-list.js';
export type { DownloadFile, DownloadLinks, DownloadsStatus, DownloadsView } from './downloads.js';
export { MIN_CLIP_SECONDS, parseClipTime } from './clips.js';
export { CATALOGUE_LIMITS, CATALOGUE_TITLE_TYPES, CUSTOM_FIELD_KEY_PATTERN, SLUG_PATTERN, type CatalogueMetadata, type CatalogueTitleType, type Credit, type CustomFields } from './catalogue.js';
export { recommendationSentence, type Recommendation, type RecommendationReason } from './recommendations.js';
export {
  ANALYTICS_DEVICE_TYPES,
  ANALYTICS_DIMENSIONS,
  ANALYTICS_GRANULARITIES,
  ANALYTICS_MAX_RANGE_DAYS,
  ANALYTICS_PROCEDURES,
  ANALYTICS_RANGE_PRESETS,
  ANALYTICS_UNKNOWN,
  STARTUP_HISTOGRAM_BOUNDS_MS,
  analyticsBreakdownQuerySchema,
  analyticsBreakdownSchema,
  analyticsFiltersSchema,
  analyticsOverviewSchema,
  analyticsQoeDetailSchema,
  analyticsQuerySchema,
  analyticsRangeSchema,
  analyticsRetentionQuerySchema,
  analyticsRetentionSchema,
  analyticsTimeSeriesSchema,
  analyticsTopVideosQuerySchema,
  analyticsTopVideosSchema,
  operatorAnalyticsQuerySchema,
  operatorAnalyticsSchema,
  type AnalyticsBreakdown,
  type AnalyticsBreakdownQuery,
  type AnalyticsBreakdownRow,
  type AnalyticsDeviceType,
  type AnalyticsDimension,
  type AnalyticsFilters,
  type AnalyticsGranularity,
  type AnalyticsOverview,
  type AnalyticsPeriod,
  type AnalyticsQoeDetail,
  type AnalyticsQuery,
  type AnalyticsRange,
  type AnalyticsRangePreset,
  type AnalyticsRetention,
  type AnalyticsRetentionQuery,
  type AnalyticsTimePoint,
  type AnalyticsTimeSeries,
  type AnalyticsTopVideo,
  type AnalyticsTopVideos,
  type AnalyticsTopVideosQuery,
  type EngagementTotals,
  type OperatorAnalytics,
  type OperatorAnalyticsQuery,
  type OperatorTenantAnalytics,
  type QoeTotals,
  type RetentionPoint,
} from './analytics.js';
export { breakdownCsv, overviewCsv, qoeCsv, retentionCsv, timeSeriesCsv, toCsv, topVideosCsv } from './analytics-csv.js';
