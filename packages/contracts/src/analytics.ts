// Viewer analytics, as the portal's dashboard, the REST API and the CSV exports ask for it and read it: engagement
// (views, viewers, watch time, retention), quality of experience (start-up, rebuffering, failures, bitrate), each
// broken down or filtered by where and how viewers watched, over a date range compared with the period before it.
// The control plane validates requests with these schemas and answers with these shapes.
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
export type AnalyticsGranularity = 'minute' | 'hour' | 'day';

/** The resolved range a figure covers (ISO date-times, `from` included, `to` excluded). */
export interface AnalyticsPeriod {
  from: string;
  to: string;
}

export interface EngagementTotals {
  /** Plays that reached a first frame (admins' previews never count). */
  views: number;
  /** Distinct viewers per UTC day, summed over the days (the hash that tells them apart changes every day, by design). */
  uniqueViewers: number;
  watchSeconds: number;
  /** watchSeconds / views; 0 without views. */
  averageViewSeconds: number;
  /** Share of views that reached 90 % of the video, 0–1. */
  completionRate: number;
}

export interface QoeTotals {
  /** Sessions that reported at all, started or not. */
  sessions: number;
  /** From the start-up histogram: within ±11.8 % (see STARTUP_HISTOGRAM_BOUNDS_MS); null without views. */
  startupP50Ms: number | null;
  startupP95Ms: number | null;
  /** Time rebuffering over time watching or rebuffering, 0–1. */
  rebufferRatio: number;
  /** Rebuffering events per hour watched. */
  rebuffersPerHour: number;
  /** Sessions that failed before a first frame, over sessions, 0–1. */
  failureRate: number;
  /** Weighted by the seconds watched at each bitrate; null when no player said. */
  averageBitrateKbps: number | null;
}

export interface AnalyticsOverview {
  period: AnalyticsPeriod;
  /** The period of the same length just before, when asked to compare. */
  previousPeriod: AnalyticsPeriod | null;
  engagement: EngagementTotals;
  previousEngagement: EngagementTotals | null;
  qoe: QoeTotals;
  previousQoe: QoeTotals | null;
  /** Sessions that sent a heartbeat in the last two minutes (now, whatever the range). */
  concurrentViewersNow: number;
}

export interface AnalyticsTimePoint {
  /** The bucket's start, ISO. */
  at: string;
  views: number;
  watchSeconds: number;
  startupP50Ms: number | null;
  rebufferRatio: number;
  failures: number;
}

export interface AnalyticsTimeSeries {
  period: AnalyticsPeriod;
  granularity: AnalyticsGranularity;
  /** Every bucket of the period, empty ones included (zeros). */
  points: AnalyticsTimePoint[];
  /** The previous period's buckets, aligned one for one with `points`, when asked to compare. */
  previousPoints: AnalyticsTimePoint[] | null;
}

/** [second of the video, share of views still watching there (0–1)]: 101 points, one per 1 % of the duration. */
export type RetentionPoint = [second: number, share: number];

export interface AnalyticsRetention {
  videoId: string;
  durationSeconds: number;
  views: number;
  points: RetentionPoint[];
}

export interface AnalyticsBreakdownRow {
  value: string;
  views: number;
  watchSeconds: number;
  startupP50Ms: number | null;
  rebufferRatio: number;
  failureRate: number;
}

export interface AnalyticsBreakdown {
  period: AnalyticsPeriod;
  dimension: AnalyticsDimension;
  rows: AnalyticsBreakdownRow[];
}

export interface AnalyticsTopVideo {
  videoId: string;
  title: string;
  views: number;
  watchSeconds: number;
  completionRate: number;
}

export interface AnalyticsQoeDetail {
  period: AnalyticsPeriod;
  /** Upper bounds as in STARTUP_HISTOGRAM_BOUNDS_MS, then the overflow bucket. */
  startupHistogram: number[];
  topErrors: { code: string; sessions: number }[];
  /** Seconds watched per rendition height (e.g. 1080), largest first. */
  renditions: { height: number; watchSeconds: number; share: number; firstFrames: number; averageTimeToFirstFrameMs: number | null }[];
}

export interface OperatorTenantAnalytics {
  tenantId: string;
  tenantName: string;
  views: number;
  watchSeconds: number;
  uniqueViewers: number;
  egressGB: number;
  /** What the month's usage cost the platform at AWS prices (billing's platform-cost model), in cents. */
  costCents: number;
  /** The tenant's invoice for the month (closed, or the running preview), in cents. */
  revenueCents: number;
  marginCents: number;
}

export interface OperatorAnalytics {
  period: AnalyticsPeriod;
  tenants: OperatorTenantAnalytics[];
}

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
