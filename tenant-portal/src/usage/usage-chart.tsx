import { useEffect, useId, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { UsageDay } from '../api/api-types.js';
import { formatDay } from '../format/format.js';
import { chartSummary, USAGE_METRIC_ORDER, USAGE_METRICS, type UsageMetric } from './usage-figures.js';

const HEIGHT = 220;
const DAY_SECONDS = 86_400;

/**
 * One metric by day as bars on uPlot: days along the bottom, the metric with its unit up the side, the value of the
 * day under the pointer in the legend. Follows its box's width, down to a phone's; the table beside it carries
 * every figure, and a sentence says the chart to screen readers.
 */
export function UsageChart({ days }: { days: readonly UsageDay[] }) {
  const id = useId();
  const [metric, setMetric] = useState<UsageMetric>('transcodeMinutes');
  const box = useRef<HTMLDivElement>(null);
  const view = USAGE_METRICS[metric];
  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const data: uPlot.AlignedData = [days.map((day) => Date.parse(`${day.day}T00:00:00Z`) / 1000), days.map((day) => view.value(day))];
    const options: uPlot.Options = {
      width: Math.max(240, target.clientWidth),
      height: HEIGHT,
      // Days are UTC days: ticks fall on UTC midnights whatever the browser's time zone.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      scales: { x: { time: true, range: (_u, min, max) => [min - DAY_SECONDS / 2, max + DAY_SECONDS / 2] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      series: [
        { label: 'Day (UTC)', value: (_u, seconds) => (seconds == null ? '–' : formatDay(new Date(seconds * 1000))) },
        {
          label: view.label,
          value: (_u, value) => (value == null ? '–' : view.format(value)),
          stroke: '#1a56db',
          fill: 'rgba(26, 86, 219, 0.45)',
          paths: uPlot.paths.bars?.({ size: [0.7, 40] }),
          points: { show: false },
        },
      ],
      axes: [
        // Ticks on whole days only (a week apart when the width calls for it), each named once. The axes' names are
        // HTML beside the canvas (below), so they read, zoom and translate like the rest of the page.
        { incrs: [DAY_SECONDS, 2 * DAY_SECONDS, 7 * DAY_SECONDS, 14 * DAY_SECONDS], values: (_u, splits) => splits.map((seconds) => formatDay(new Date(seconds * 1000))) },
        { size: 70, values: (_u, splits) => splits.map((value) => view.format(value)) },
      ],
      legend: { live: true },
    };
    const plot = new uPlot(options, data, target);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, target.clientWidth), height: HEIGHT }));
    resize.observe(target);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, view]);
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
      </div>
      <div className="usage-plot-frame">
        <span className="usage-axis-label usage-axis-y">{view.axis}</span>
        <div ref={box} className="usage-plot" role="img" aria-label={chartSummary(metric, days)} />
        <span className="usage-axis-label usage-axis-x">Day (UTC)</span>
      </div>
    </figure>
  );
}
