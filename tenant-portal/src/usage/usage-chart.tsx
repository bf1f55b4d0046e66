import { useId, useState } from 'react';
import type { UsageDay } from '../api/api-types.js';
import { formatDay } from '../format/format.js';
import { barHeights, chartSummary, USAGE_METRIC_ORDER, USAGE_METRICS, type UsageMetric } from './usage-figures.js';

/** Bars per day in plain SVG, one metric at a time; the table beside it carries the exact figures. */
const SLOT = 10;

export function UsageChart({ days }: { days: readonly UsageDay[] }) {
  const id = useId();
  const [metric, setMetric] = useState<UsageMetric>('transcodeMinutes');
  const view = USAGE_METRICS[metric];
  const values = days.map((day) => view.value(day));
  const heights = barHeights(values);
  const max = Math.max(0, ...values);
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <figure className="usage-chart">
      <div className="usage-chart-head">
        <label htmlFor={`${id}-metric`}>Chart</label>
        <select id={`${id}-metric`} value={metric} onChange={(event) => setMetric(event.target.value as UsageMetric)}>
          {USAGE_METRIC_ORDER.map((option) => (
            <option key={option} value={option}>
              {USAGE_METRICS[option].label}
            </option>
          ))}
        </select>
        <span className="hint">{max > 0 ? `Highest day: ${view.format(max)}` : `No ${view.label.toLowerCase()} yet`}</span>
      </div>
      {/* Stretched to the panel's width: bars scale, and the labels stay in HTML so they do not. */}
      <svg className="usage-bars" viewBox={`0 0 ${Math.max(1, days.length) * SLOT} 100`} preserveAspectRatio="none" role="img" aria-label={chartSummary(metric, days)}>
        {days.map((day, index) => (
          <rect key={day.day} x={index * SLOT + 1.5} y={100 - (heights[index] ?? 0)} width={SLOT - 3} height={heights[index] ?? 0}>
            <title>{`${formatDay(day.day)}: ${view.format(values[index] ?? 0)}`}</title>
          </rect>
        ))}
      </svg>
      {first && last ? (
        <figcaption className="usage-chart-axis" aria-hidden="true">
          <span>{formatDay(first.day)}</span>
          <span>{formatDay(last.day)}</span>
        </figcaption>
      ) : null}
    </figure>
  );
}
