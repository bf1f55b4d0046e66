// Percentiles from the start-up histograms the rollups keep (mergeable: histograms of any rows add up). A percentile
// is read as the geometric middle of the bucket holding it, so it is within ±11.8 % of the true value (each bound is
// 1.25× the previous: √1.25 − 1); below the first bound (50 ms) and above the last (~32 s) it is the bound itself.
import { STARTUP_HISTOGRAM_BOUNDS_MS } from '@ott/contracts';

export const STARTUP_BUCKETS = STARTUP_HISTOGRAM_BOUNDS_MS.length + 1;

/** null when the histogram is empty. */
export function startupPercentile(histogram: readonly number[], quantile: number): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = quantile * total;
  let seen = 0;
  for (let index = 0; index < histogram.length; index += 1) {
    seen += histogram[index] ?? 0;
    if (seen >= rank && (histogram[index] ?? 0) > 0) return bucketValue(index);
  }
  return bucketValue(histogram.length - 1);
}

function bucketValue(index: number): number {
  const bounds = STARTUP_HISTOGRAM_BOUNDS_MS;
  const first = bounds[0] ?? 0;
  const last = bounds[bounds.length - 1] ?? 0;
  if (index === 0) return first;
  if (index >= bounds.length) return last;
  return Math.round(Math.sqrt((bounds[index - 1] ?? first) * (bounds[index] ?? last)));
}

/** The SQL that sums a rollup's histograms element by element (one sum per bucket, no unnesting). */
export function histogramSumSql(column: string): string {
  return `array[${Array.from({ length: STARTUP_BUCKETS }, (_, index) => `coalesce(sum(${column}[${index + 1}]), 0)`).join(', ')}]::bigint[]`;
}
