// The dashboard's questions to the API (the analytics router, shaped by the analytics contract), one hook per panel.
import type { AnalyticsBreakdownQuery, AnalyticsQuery, AnalyticsRetentionQuery, AnalyticsTopVideosQuery } from '@ott/contracts';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';

/** "Watching now" is asked again this often while the page is open. */
const OVERVIEW_REFRESH_MS = 30_000;

// A changed range or filter keeps the figures on screen until the new ones arrive (no flash of "Loading").
const KEEP_SHOWN = { placeholderData: keepPreviousData };

export function useAnalyticsOverview(input: AnalyticsQuery) {
  return useQuery(useTRPC().analytics.overview.queryOptions(input, { ...KEEP_SHOWN, refetchInterval: OVERVIEW_REFRESH_MS }));
}

export function useAnalyticsTimeSeries(input: AnalyticsQuery) {
  return useQuery(useTRPC().analytics.timeSeries.queryOptions(input, KEEP_SHOWN));
}

export function useAnalyticsQoe(input: AnalyticsQuery) {
  return useQuery(useTRPC().analytics.qoe.queryOptions(input, KEEP_SHOWN));
}

export function useAnalyticsBreakdown(input: AnalyticsBreakdownQuery) {
  return useQuery(useTRPC().analytics.breakdown.queryOptions(input, KEEP_SHOWN));
}

export function useAnalyticsTopVideos(input: AnalyticsTopVideosQuery) {
  return useQuery(useTRPC().analytics.topVideos.queryOptions(input, KEEP_SHOWN));
}

/** One video's curve; nothing is asked until there is a video to ask about. */
export function useAnalyticsRetention(input: AnalyticsRetentionQuery | undefined) {
  return useQuery(useTRPC().analytics.retention.queryOptions(input ?? skipToken, KEEP_SHOWN));
}
