// Viewer analytics: what the API routers, the bench and the worker's sweep use.
export { analyticsBreakdown } from './analytics-breakdown.js';
export { NO_CONTRIBUTION, nextAnalyticsEvent, type AnalyticsEvent, type SessionIdentity } from './analytics-event.js';
export { analyticsOverview } from './analytics-overview.js';
export { analyticsQoe } from './analytics-qoe.js';
export { analyticsRetention } from './analytics-retention.js';
export { analyticsTimeSeries } from './analytics-time-series.js';
export { analyticsTopVideos } from './analytics-top-videos.js';
export { ingestAnalyticsEvents } from './ingest-analytics-events.js';
export { operatorAnalytics } from './operator-analytics.js';
export { histogramCountSql } from './startup-percentile.js';
