// Viewer analytics, as the portal's dashboard, the REST API and the CSV exports ask for it and read it: engagement
// (views, viewers, watch time, retention), quality of experience (start-up, rebuffering, failures, bitrate), each
// broken down or filtered by where and how viewers watched, over a date range compared with the period before it.
// The control plane validates requests with these schemas and answers with these shapes.
import './zod-in-browsers.js';
import { z } from 'zod';

/** What a viewer's session is broken down and filtered by, all resolved at ingest (never from raw addresses). */
export const ANALYTICS_DIMENSIONS = ['country', 'deviceType', 'os', 'browser', 'referrerOrigin', 'playerVersion', 'accessMode'] as const;
export type AnalyticsDimension = (typeof ANALYTICS_DIMENSIONS)[number];

export const ANALYTICS_DEVICE_TYPES = ['desktop', 'mobile', 'tablet', 'tv', 'console', 'other'] as const;
export type AnalyticsDeviceType = (typeof ANALYTICS_DEVICE_TYPES)[number];

/** today: the UTC day so far; 7d / 30d: that many UTC days, today included; custom: `from` (included) to `to` (excluded). */
export const ANALYTICS_RANGE_PRESETS = ['today', '7d', '30d', 'custom'] as const;
export type AnalyticsRangePreset = (typeof ANALYTICS_RANGE_PRESETS)[number];

/** The widest range one request may cover: the day rollups make it cheap, the raw events are gone after 30 days anyway. */
export const ANALYTICS_MAX_RANGE_DAYS = 400;

/** What the value of a dimension is called when the session did not say (no referrer, no country known). */
export const ANALYTICS_UNKNOWN = 'unknown';

/**
 * The bounds (ms, upper, exclusive) of the start-up time histogram the rollups keep; a last bucket holds everything
 * above. Each bound is 1.25× the previous, so a percentile read back as its bucket's geometric middle is within
 * ±11.8 % (√1.25 − 1) of the true value. Shared so the portal can draw the same buckets.
 */
export const STARTUP_HISTOGRAM_BOUNDS_MS: readonly number[] = Array.from({ length: 30 }, (_, index) => Math.round(50 * 1.25 ** index));

const dimensionValue = z.string().min(1).max(200);

/** Only sessions matching every given filter count; each filter lists the values it admits (any of them). */
export const analyticsFiltersSchema = z
  .strictObject({
    country: z.array(dimensionValue).max(50).optional(),
    deviceType: z.array(dimensionValue).max(50).optional(),
    os: z.array(dimensionValue).max(50).optional(),
    browser: z.array(dimensionValue).max(50).optional(),
    referrerOrigin: z.array(dimensionValue).max(50).optional(),
    playerVersion: z.array(dimensionValue).max(50).optional(),
    accessMode: z.array(dimensionValue).max(50).optional(),
  })
  .default({});
export type AnalyticsFilters = z.infer<typeof analyticsFiltersSchema>;

export const analyticsRangeSchema = z
  .strictObject({
    preset: z.enum(ANALYTICS_RANGE_PRESETS, { error: 'Choose today, 7d, 30d or custom' }),
    /** With `custom` only: ISO date-times, `from` included, `to` excluded. */
    from: z.iso.datetime({ offset: true, error: 'Give `from` as an ISO date-time, e.g. 2026-11-01T00:00:00Z' }).optional(),
    to: z.iso.datetime({ offset: true, error: 'Give `to` as an ISO date-time, e.g. 2026-12-01T00:00:00Z' }).optional(),
  })
  .refine((range) => range.preset !== 'custom' || (range.from !== undefined && range.to !== undefined), { error: 'A custom range needs both `from` and `to`.' })
  .refine((range) => range.preset === 'custom' || (range.from === undefined && range.to === undefined), { error: '`from` and `to` go with the custom preset only.' })
  .refine((range) => range.from === undefined || range.to === undefined || Date.parse(range.from) < Date.parse(range.to), { error: '`from` must come before `to`.' })
  .refine((range) => range.from === undefined || range.to === undefined || Date.parse(range.to) - Date.parse(range.from) <= ANALYTICS_MAX_RANGE_DAYS * 86_400_000, {
    error: `Ask for at most ${ANALYTICS_MAX_RANGE_DAYS} days at once.`,
  });
export type AnalyticsRange = z.infer<typeof analyticsRangeSchema>;

/** One dashboard question: the tenant comes from the caller (admin session or API key), never from the request. */
export const analyticsQuerySchema = z.strictObject({
  /** One video's figures; every video of the tenant when absent. */
  videoId: z.uuid('Not a valid video id').optional(),
  range: analyticsRangeSchema,
  filters: analyticsFiltersSchema,
  /** Also answer the same figures for the period of the same length just before the range. */
  compare: z.boolean().default(false),
});
export type AnalyticsQuery = z.input<typeof analyticsQuerySchema>;

export const analyticsBreakdownQuerySchema = analyticsQuerySchema.extend({
  dimension: z.enum(ANALYTICS_DIMENSIONS, { error: `Break down by one of ${ANALYTICS_DIMENSIONS.join(', ')}` }),
  limit: z.number().int().min(1).max(100).default(20),
});
export type AnalyticsBreakdownQuery = z.input<typeof analyticsBreakdownQuerySchema>;

export const analyticsTopVideosQuerySchema = analyticsQuerySchema.omit({ videoId: true }).extend({ limit: z.number().int().min(1).max(100).default(10) });
export type AnalyticsTopVideosQuery = z.input<typeof analyticsTopVideosQuerySchema>;

/** The retention curve is one video's. */
export const analyticsRetentionQuerySchema = analyticsQuerySchema.extend({ videoId: z.uuid('Not a valid video id') });
export type AnalyticsRetentionQuery = z.input<typeof analyticsRetentionQuerySchema>;

/** The operator's view: every tenant over one UTC calendar month (the period costs and invoices are counted in); this month when absent. */
export const operatorAnalyticsQuerySchema = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give the month as YYYY-MM')
    .optional(),
});
export type OperatorAnalyticsQuery = z.input<typeof operatorAnalyticsQuerySchema>;

/** minute for ranges up to 6 hours, hour up to 7 days, day beyond. */
export const ANALYTICS_GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type AnalyticsGranularity = (typeof ANALYTICS_GRANULARITIES)[number];

// The answers, as zod schemas: the REST API's OpenAPI document is generated from them, and the types below are theirs.

/** The resolved range a figure covers (ISO date-times, `from` included, `to` excluded). */
export const analyticsPeriodSchema = z.object({ from: z.string(), to: z.string() }).meta({ id: 'AnalyticsPeriod' });
export type AnalyticsPeriod = z.infer<typeof analyticsPeriodSchema>;

export const engagementTotalsSchema = z
  .object({
    views: z.number().meta({ description: 'Plays that reached a first frame (admins’ previews never count).' }),
    uniqueViewers: z.number().meta({ description: 'Distinct viewers per UTC day, summed over the days (the hash that tells them apart changes every day, by design).' }),
    watchSeconds: z.number(),
    averageViewSeconds: z.number().meta({ description: 'watchSeconds / views; 0 without views.' }),
    completionRate: z.number().meta({ description: 'Share of views that reached 90 % of the video, 0–1.' }),
  })
  .meta({ id: 'EngagementTotals' });
export type EngagementTotals = z.infer<typeof engagementTotalsSchema>;

export const qoeTotalsSchema = z
  .object({
    sessions: z.number().meta({ description: 'Sessions that reported at all, started or not.' }),
    startupP50Ms: z.number().nullable().meta({ description: 'From the start-up histogram: within ±11.8 % (see STARTUP_HISTOGRAM_BOUNDS_MS); null without views.' }),
    startupP95Ms: z.number().nullable(),
    rebufferRatio: z.number().meta({ description: 'Time rebuffering over time watching or rebuffering, 0–1.' }),
    rebuffersPerHour: z.number().meta({ description: 'Rebuffering events per hour watched.' }),
    failureRate: z.number().meta({ description: 'Sessions that failed before a first frame, over sessions, 0–1.' }),
    averageBitrateKbps: z.number().nullable().meta({ description: 'Weighted by the seconds watched at each bitrate; null when no player said.' }),
  })
  .meta({ id: 'QoeTotals' });
export type QoeTotals = z.infer<typeof qoeTotalsSchema>;

export const analyticsOverviewSchema = z
  .object({
    period: analyticsPeriodSchema,
    previousPeriod: analyticsPeriodSchema.nullable().meta({ description: 'The period of the same length just before, when asked to compare.' }),
    engagement: engagementTotalsSchema,
    previousEngagement: engagementTotalsSchema.nullable(),
    qoe: qoeTotalsSchema,
    previousQoe: qoeTotalsSchema.nullable(),
    concurrentViewersNow: z.number().meta({ description: 'Sessions that sent a beacon in the last two minutes (now, whatever the range).' }),
  })
  .meta({ id: 'AnalyticsOverview' });
export type AnalyticsOverview = z.infer<typeof analyticsOverviewSchema>;

export const analyticsTimePointSchema = z
  .object({
    at: z.string().meta({ description: 'The bucket’s start, ISO.' }),
    views: z.number(),
    watchSeconds: z.number(),
    startupP50Ms: z.number().nullable(),
    rebufferRatio: z.number(),
    failures: z.number(),
  })
  .meta({ id: 'AnalyticsTimePoint' });
export type AnalyticsTimePoint = z.infer<typeof analyticsTimePointSchema>;

export const analyticsTimeSeriesSchema = z
  .object({
    period: analyticsPeriodSchema,
    granularity: z.enum(ANALYTICS_GRANULARITIES),
    points: z.array(analyticsTimePointSchema).meta({ description: 'Every bucket of the period, empty ones included (zeros).' }),
    previousPoints: z.array(analyticsTimePointSchema).nullable().meta({ description: 'The previous period’s buckets, aligned one for one with `points`, when asked to compare.' }),
  })
  .meta({ id: 'AnalyticsTimeSeries' });
export type AnalyticsTimeSeries = z.infer<typeof analyticsTimeSeriesSchema>;

/** [second of the video, share of views still watching there (0–1)]: 101 points, one per 1 % of the duration. */
export const retentionPointSchema = z.tuple([z.number(), z.number()]);
export type RetentionPoint = z.infer<typeof retentionPointSchema>;

export const analyticsRetentionSchema = z
  .object({
    videoId: z.string(),
    durationSeconds: z.number(),
    views: z.number(),
    points: z.array(retentionPointSchema).meta({ description: '[second, share of views still watching there], one per 1 % of the duration.' }),
  })
  .meta({ id: 'AnalyticsRetention' });
export type AnalyticsRetention = z.infer<typeof analyticsRetentionSchema>;

export const analyticsBreakdownRowSchema = z
  .object({ value: z.string(), views: z.number(), watchSeconds: z.number(), startupP50Ms: z.number().nullable(), rebufferRatio: z.number(), failureRate: z.number() })
  .meta({ id: 'AnalyticsBreakdownRow' });
export type AnalyticsBreakdownRow = z.infer<typeof analyticsBreakdownRowSchema>;

export const analyticsBreakdownSchema = z
  .object({ period: analyticsPeriodSchema, dimension: z.enum(ANALYTICS_DIMENSIONS), rows: z.array(analyticsBreakdownRowSchema) })
  .meta({ id: 'AnalyticsBreakdown' });
export type AnalyticsBreakdown = z.infer<typeof analyticsBreakdownSchema>;

export const analyticsTopVideoSchema = z.object({ videoId: z.string(), title: z.string(), views: z.number(), watchSeconds: z.number(), completionRate: z.number() }).meta({ id: 'AnalyticsTopVideo' });
export type AnalyticsTopVideo = z.infer<typeof analyticsTopVideoSchema>;

export const analyticsTopVideosSchema = z.object({ period: analyticsPeriodSchema, videos: z.array(analyticsTopVideoSchema) }).meta({ id: 'AnalyticsTopVideos' });
export type AnalyticsTopVideos = z.infer<typeof analyticsTopVideosSchema>;

export const analyticsQoeDetailSchema = z
  .object({
    period: analyticsPeriodSchema,
    startupHistogram: z.array(z.number()).meta({ description: 'Counts per bucket: upper bounds as in STARTUP_HISTOGRAM_BOUNDS_MS, then the overflow bucket.' }),
    topErrors: z.array(z.object({ code: z.string(), sessions: z.number() })),
    renditions: z
      .array(z.object({ height: z.number(), watchSeconds: z.number(), share: z.number(), firstFrames: z.number(), averageTimeToFirstFrameMs: z.number().nullable() }))
      .meta({ description: 'Seconds watched per rendition height, largest first, with the time to first frame of the sessions that started in it.' }),
  })
  .meta({ id: 'AnalyticsQoeDetail' });
export type AnalyticsQoeDetail = z.infer<typeof analyticsQoeDetailSchema>;

export const operatorTenantAnalyticsSchema = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  views: z.number(),
  watchSeconds: z.number(),
  uniqueViewers: z.number(),
  egressGB: z.number(),
  /** What the month's usage cost the platform at AWS prices (billing's platform-cost model), in cents. */
  costCents: z.number(),
  /** The tenant's invoice for the month (closed, or the running preview), in cents. */
  revenueCents: z.number(),
  marginCents: z.number(),
});
export type OperatorTenantAnalytics = z.infer<typeof operatorTenantAnalyticsSchema>;

export const operatorAnalyticsSchema = z.object({ period: analyticsPeriodSchema, tenants: z.array(operatorTenantAnalyticsSchema) });
export type OperatorAnalytics = z.infer<typeof operatorAnalyticsSchema>;

/** The tRPC procedures (router `analytics`; the operator's on router `operator`), all queries. */
export const ANALYTICS_PROCEDURES = {
  overview: 'analytics.overview',
  timeSeries: 'analytics.timeSeries',
  retention: 'analytics.retention',
  breakdown: 'analytics.breakdown',
  topVideos: 'analytics.topVideos',
  qoe: 'analytics.qoe',
  operatorOverview: 'operator.analytics',
} as const;
