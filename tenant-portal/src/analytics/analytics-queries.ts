// The dashboard's questions to the API, one hook per panel. They are typed by the analytics contract (its request
// and response shapes and procedure names), so the portal's panels and the control plane's router meet in one place.
import type {
  AnalyticsBreakdown,
  AnalyticsBreakdownQuery,
  AnalyticsOverview,
  AnalyticsQoeDetail,
  AnalyticsQuery,
  AnalyticsRetention,
  AnalyticsRetentionQuery,
  AnalyticsTimeSeries,
  AnalyticsTopVideo,
  AnalyticsTopVideosQuery,
} from '@ott/contracts';
import { ANALYTICS_PROCEDURES } from '@ott/contracts';
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { getUntypedClient } from '@trpc/client';
import { useTRPCClient } from '../api/trpc.js';

interface AnalyticsProcedures {
  overview: [AnalyticsQuery, AnalyticsOverview];
  timeSeries: [AnalyticsQuery, AnalyticsTimeSeries];
  retention: [AnalyticsRetentionQuery, AnalyticsRetention];
  breakdown: [AnalyticsBreakdownQuery, AnalyticsBreakdown];
  topVideos: [AnalyticsTopVideosQuery, AnalyticsTopVideo[]];
  qoe: [AnalyticsQuery, AnalyticsQoeDetail];
}

/** "Concurrent viewers now" is asked again this often while the page is open. */
const OVERVIEW_REFRESH_MS = 30_000;

function useAnalyticsQuery<P extends keyof AnalyticsProcedures>(
  procedure: P,
  input: AnalyticsProcedures[P][0],
  options: { enabled?: boolean; refetchInterval?: number } = {},
): UseQueryResult<AnalyticsProcedures[P][1]> {
  const client = getUntypedClient(useTRPCClient());
  const path = ANALYTICS_PROCEDURES[procedure];
  return useQuery({
    queryKey: ['analytics', path, input],
    queryFn: ({ signal }) => client.query(path, input, { signal }) as Promise<AnalyticsProcedures[P][1]>,
    // A changed range or filter keeps the figures on screen until the new ones arrive (no flash of "Loading").
    placeholderData: keepPreviousData,
    ...options,
  });
}

export const useAnalyticsOverview = (input: AnalyticsQuery) => useAnalyticsQuery('overview', input, { refetchInterval: OVERVIEW_REFRESH_MS });
export const useAnalyticsTimeSeries = (input: AnalyticsQuery) => useAnalyticsQuery('timeSeries', input);
export const useAnalyticsQoe = (input: AnalyticsQuery) => useAnalyticsQuery('qoe', input);
export const useAnalyticsBreakdown = (input: AnalyticsBreakdownQuery) => useAnalyticsQuery('breakdown', input);
export const useAnalyticsTopVideos = (input: AnalyticsTopVideosQuery) => useAnalyticsQuery('topVideos', input);
export const useAnalyticsRetention = (input: AnalyticsRetentionQuery | undefined) =>
  useAnalyticsQuery('retention', input ?? { videoId: '00000000-0000-4000-8000-000000000000', range: { preset: '7d' } }, { enabled: input !== undefined });
