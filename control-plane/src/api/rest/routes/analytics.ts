// Viewer analytics over REST: the portal dashboard's panels, each as JSON or, with `format=csv`, as CSV. The
// query string carries the range (a preset, or custom with from/to), an optional video, comma-separated filters per
// dimension and whether to compare with the previous period; the tenant is the API key's.
import {
  ANALYTICS_DIMENSIONS,
  ANALYTICS_RANGE_PRESETS,
  analyticsBreakdownSchema,
  analyticsOverviewSchema,
  analyticsQoeDetailSchema,
  analyticsQuerySchema,
  analyticsRetentionSchema,
  analyticsTimeSeriesSchema,
  analyticsTopVideosSchema,
  breakdownCsv,
  overviewCsv,
  qoeCsv,
  retentionCsv,
  timeSeriesCsv,
  topVideosCsv,
  type AnalyticsQuery,
} from '@ott/contracts';
import { z } from 'zod';
import { analyticsBreakdown } from '../../../domain/analytics/analytics-breakdown.js';
import { analyticsOverview } from '../../../domain/analytics/analytics-overview.js';
import { analyticsQoe } from '../../../domain/analytics/analytics-qoe.js';
import { analyticsRetention } from '../../../domain/analytics/analytics-retention.js';
import { analyticsTimeSeries } from '../../../domain/analytics/analytics-time-series.js';
import { analyticsTopVideos } from '../../../domain/analytics/analytics-top-videos.js';
import { invalid } from '../../../domain/errors.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { resourceId } from '../rest-schemas.js';

const values = z
  .string()
  .max(2000)
  .transform((text) =>
    text
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value.length > 0),
  )
  .meta({ description: 'Comma-separated values; sessions matching any of them count.' });

const filters = Object.fromEntries(ANALYTICS_DIMENSIONS.map((dimension) => [dimension, values.optional()])) as Record<(typeof ANALYTICS_DIMENSIONS)[number], z.ZodOptional<typeof values>>;

const panelQuery = z.strictObject({
  range: z.enum(ANALYTICS_RANGE_PRESETS).default('30d').meta({ description: 'today, 7d, 30d (UTC days, today included) or custom (with from and to); 30d unless said.' }),
  from: z.string().max(40).optional().meta({ description: 'With range=custom: an ISO date-time, included.' }),
  to: z.string().max(40).optional().meta({ description: 'With range=custom: an ISO date-time, excluded.' }),
  compare: z.enum(['true', 'false']).default('false').meta({ description: 'true: also answer the previous period of the same length.' }),
  format: z.enum(['json', 'csv']).default('json').meta({ description: 'csv: the same figures as text/csv.' }),
  ...filters,
});
const videoQuery = panelQuery.extend({ videoId: resourceId('video').optional().meta({ description: 'One video’s figures; every video’s when left out.' }) });

type PanelQuery = z.output<typeof panelQuery> & { videoId?: string | undefined };

/** The query string as the dashboard's question, checked by the same schema as the tRPC procedures. */
function questionOf(query: PanelQuery, videoId = query.videoId): AnalyticsQuery {
  const question = {
    ...(videoId ? { videoId } : {}),
    range: { preset: query.range, ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) },
    filters: Object.fromEntries(ANALYTICS_DIMENSIONS.filter((dimension) => query[dimension] !== undefined).map((dimension) => [dimension, query[dimension]])),
    compare: query.compare === 'true',
  };
  const checked = analyticsQuerySchema.safeParse(question);
  if (!checked.success) throw invalid(checked.error.issues.map((issue) => issue.message).join(' '));
  return question;
}

const access = { scope: 'usage' as const };
const tag = 'Analytics';

export const analyticsRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/analytics/overview',
    operationId: 'getAnalyticsOverview',
    tag,
    summary: 'Engagement and quality totals',
    description:
      'Views, daily viewers, watch time, completion, start-up percentiles, rebuffering, failures and bitrate over the range (and the previous period with compare=true), and the viewers watching now.',
    access,
    query: videoQuery,
    response: analyticsOverviewSchema,
    csv: overviewCsv,
    handle: (request) => analyticsOverview(request.deps, tenantOf(request), questionOf(request.query)),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/analytics/timeseries',
    operationId: 'getAnalyticsTimeSeries',
    tag,
    summary: 'Figures over time',
    description: 'One point per minute (ranges up to 6 hours), hour (up to 7 days) or day, empty buckets included.',
    access,
    query: videoQuery,
    response: analyticsTimeSeriesSchema,
    csv: timeSeriesCsv,
    handle: (request) => analyticsTimeSeries(request.deps, tenantOf(request), questionOf(request.query)),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/analytics/breakdown',
    operationId: 'getAnalyticsBreakdown',
    tag,
    summary: 'Figures by one dimension',
    description: 'The range’s figures by country, device type, OS, browser, embedding site, player version or access mode, most viewed first.',
    access,
    query: videoQuery.extend({
      dimension: z.enum(ANALYTICS_DIMENSIONS),
      limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: '1 to 100 rows, 20 unless said.' }),
    }),
    response: analyticsBreakdownSchema,
    csv: breakdownCsv,
    handle: (request) => analyticsBreakdown(request.deps, tenantOf(request), { ...questionOf(request.query), dimension: request.query.dimension, limit: request.query.limit }),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/analytics/top-videos',
    operationId: 'getAnalyticsTopVideos',
    tag,
    summary: 'Most viewed videos',
    access,
    query: panelQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(10).meta({ description: '1 to 100 videos, 10 unless said.' }) }),
    response: analyticsTopVideosSchema,
    csv: topVideosCsv,
    handle: (request) => {
      const { range, filters: chosen, compare } = questionOf(request.query);
      return analyticsTopVideos(request.deps, tenantOf(request), { range, filters: chosen, compare, limit: request.query.limit });
    },
  }),
  restRoute({
    method: 'GET',
    path: '/v1/analytics/qoe',
    operationId: 'getAnalyticsQoe',
    tag,
    summary: 'Quality of experience in detail',
    description: 'The start-up time histogram, the error codes sessions failed with, and the renditions watched with their time to first frame.',
    access,
    query: videoQuery,
    response: analyticsQoeDetailSchema,
    csv: qoeCsv,
    handle: (request) => analyticsQoe(request.deps, tenantOf(request), questionOf(request.query)),
  }),
  restRoute({
    method: 'GET',
    path: '/v1/analytics/videos/{videoId}/retention',
    operationId: 'getAnalyticsRetention',
    tag,
    summary: 'Audience retention of a video',
    description: 'At each 1 % of the video, the share of the range’s views still watching.',
    access,
    params: z.strictObject({ videoId: resourceId('video') }),
    query: panelQuery,
    response: analyticsRetentionSchema,
    csv: retentionCsv,
    handle: (request) => analyticsRetention(request.deps, tenantOf(request), { ...questionOf(request.query, request.params.videoId), videoId: request.params.videoId }),
  }),
];
