// What the analytics page shows, kept in its address so a view can be reloaded, bookmarked and shared: the date
// range, the comparison, the filters, the breakdown and the video. Turned into the contract's dashboard question.
import { ANALYTICS_DIMENSIONS, ANALYTICS_RANGE_PRESETS, type AnalyticsDimension, type AnalyticsFilters, type AnalyticsQuery, type AnalyticsRangePreset } from '@ott/contracts';

export interface AnalyticsView {
  preset: AnalyticsRangePreset;
  /** With `custom`: UTC days (YYYY-MM-DD), both included. */
  fromDay?: string;
  toDay?: string;
  compare: boolean;
  dimension: AnalyticsDimension;
  filters: Partial<Record<AnalyticsDimension, string[]>>;
  videoId?: string;
}

export const DEFAULT_ANALYTICS_VIEW: AnalyticsView = { preset: '7d', compare: true, dimension: 'country', filters: {} };

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

function isDay(value: string | null): value is string {
  return value !== null && DAY_PATTERN.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The view an address names; anything it cannot read falls back to the default (a stale bookmark still opens). */
export function parseAnalyticsView(search: string): AnalyticsView {
  const params = new URLSearchParams(search);
  const range = params.get('range');
  const from = params.get('from');
  const to = params.get('to');
  const custom = range === 'custom' && isDay(from) && isDay(to) && from <= to;
  const preset = ANALYTICS_RANGE_PRESETS.find((option) => option === range && option !== 'custom') ?? (custom ? 'custom' : DEFAULT_ANALYTICS_VIEW.preset);
  const dimension = ANALYTICS_DIMENSIONS.find((option) => option === params.get('by')) ?? DEFAULT_ANALYTICS_VIEW.dimension;
  const filters: AnalyticsView['filters'] = {};
  for (const name of ANALYTICS_DIMENSIONS) {
    const values = [...new Set(params.getAll(name).filter((value) => value.length > 0 && value.length <= 200))].slice(0, 50);
    if (values.length) filters[name] = values;
  }
  const video = params.get('video');
  return {
    preset,
    ...(preset === 'custom' && custom ? { fromDay: from, toDay: to } : {}),
    compare: params.get('compare') !== '0',
    dimension,
    filters,
    ...(video && UUID_PATTERN.test(video) ? { videoId: video.toLowerCase() } : {}),
  };
}

/** The address's query string for a view (`?range=30d&by=os`), leaving out what is the default. */
export function analyticsSearch(view: AnalyticsView): string {
  const params = new URLSearchParams();
  if (view.preset !== DEFAULT_ANALYTICS_VIEW.preset) params.set('range', view.preset);
  if (view.preset === 'custom' && view.fromDay && view.toDay) {
    params.set('from', view.fromDay);
    params.set('to', view.toDay);
  }
  if (!view.compare) params.set('compare', '0');
  if (view.dimension !== DEFAULT_ANALYTICS_VIEW.dimension) params.set('by', view.dimension);
  for (const name of ANALYTICS_DIMENSIONS) for (const value of view.filters[name] ?? []) params.append(name, value);
  if (view.videoId) params.set('video', view.videoId);
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The contract's question for a view: a custom range covers its last day whole (`to` is exclusive). */
export function analyticsQueryOf(view: AnalyticsView): AnalyticsQuery {
  const filters: AnalyticsFilters = {};
  for (const name of ANALYTICS_DIMENSIONS) {
    const values = view.filters[name];
    if (values?.length) filters[name] = values;
  }
  const range =
    view.preset === 'custom' && view.fromDay && view.toDay
      ? { preset: 'custom' as const, from: `${view.fromDay}T00:00:00Z`, to: new Date(Date.parse(`${view.toDay}T00:00:00Z`) + DAY_MS).toISOString() }
      : { preset: view.preset === 'custom' ? DEFAULT_ANALYTICS_VIEW.preset : view.preset };
  return { ...(view.videoId ? { videoId: view.videoId } : {}), range, filters, compare: view.compare };
}

/** The view with one more value admitted by a filter (a breakdown row's "Only this"). */
export function withFilter(view: AnalyticsView, dimension: AnalyticsDimension, value: string): AnalyticsView {
  const values = view.filters[dimension] ?? [];
  return values.includes(value) ? view : { ...view, filters: { ...view.filters, [dimension]: [...values, value] } };
}

export function withoutFilter(view: AnalyticsView, dimension: AnalyticsDimension, value: string): AnalyticsView {
  const values = (view.filters[dimension] ?? []).filter((candidate) => candidate !== value);
  const filters = { ...view.filters };
  if (values.length) filters[dimension] = values;
  else delete filters[dimension];
  return { ...view, filters };
}
