import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HEIGHT = 240;
const MIN_WIDTH = 200;
const PALETTE = ['#1a56db', '#057a55', '#b45309', '#7e3af2'];

export interface ChartAxis {
  /** The axis's name with its unit: "Watch time (h:mm:ss)". */
  label: string;
  format: (value: number) => string;
  /** The steps ticks may be apart (uPlot's incrs), e.g. COUNT_STEPS so no tick says "0.5 views". */
  steps?: number[];
}

/** Tick steps for counts: 1, 2, 5, 10, 20, 50… */
export const COUNT_STEPS = Array.from({ length: 27 }, (_, index) => [1, 2, 5][index % 3]! * 10 ** Math.floor(index / 3));
/** Tick steps for durations in seconds: whole seconds, minutes, quarter hours, hours, days. */
export const DURATION_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400, 30 * 86_400, 365 * 86_400];

export interface ChartSeries {
  label: string;
  values: readonly (number | null)[];
  /** The right-hand axis instead of the left. */
  right?: boolean;
  /** Drawn dashed and paler: the previous period beside this one. */
  previous?: boolean;
}

export interface ChartProps {
  /** Names the chart for tests and styling: the figure's data-chart. */
  name: string;
  caption: string;
  /** The chart said in a sentence, for screen readers. */
  summary: string;
  x: ChartAxis & { values: readonly number[]; time?: boolean };
  y: ChartAxis;
  y2?: ChartAxis;
  series: readonly ChartSeries[];
  bars?: boolean;
}

/**
 * One analytics chart on uPlot: axes named with their units, the values under the pointer in the legend, its width
 * following its box down to a phone's. Its figures are also a table (behind "Show as table") and, unformatted, the
 * figure's data-values, so what the chart draws can be read back without looking at the canvas.
 */
export function AnalyticsChart({ name, caption, summary, x, y, y2, series, bars = false }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const width = () => Math.max(MIN_WIDTH, target.clientWidth);
    const options: uPlot.Options = {
      width: width(),
      height: HEIGHT,
      // Buckets are UTC (days, hours): ticks fall on UTC boundaries whatever the browser's time zone.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      scales: {
        x: { time: x.time ?? false, ...(bars ? { range: (_u, min, max) => [min - 0.5, max + 0.5] as uPlot.Range.MinMax } : {}) },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        ...(y2 ? { y2: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] as uPlot.Range.MinMax } } : {}),
      },
      series: [
        { label: x.label, value: (_u, value) => (value == null ? '–' : x.format(value)) },
        ...series.map((line, index): uPlot.Series => {
          const color = PALETTE[(line.previous ? index - 1 : index) % PALETTE.length] ?? '#1a56db';
          const axis = line.right ? y2 : y;
          return {
            label: line.label,
            scale: line.right ? 'y2' : 'y',
            value: (_u, value) => (value == null ? '–' : (axis ?? y).format(value)),
            stroke: color,
            width: line.previous ? 1.5 : 2,
            ...(line.previous ? { dash: [6, 4], alpha: 0.6 } : {}),
            ...(bars
              ? { fill: `${color}73`, paths: uPlot.paths.bars?.({ size: [0.7, 40] }), points: { show: false } } // A series with gaps (no start-up time in an hour without views) shows its points: a lone value has no line.
              : { points: { size: 5, ...(line.values.includes(null) ? { show: true } : {}) } }),
          };
        }),
      ],
      axes: [
        // Time ticks keep uPlot's own labels, which drop what the previous tick already said (the day, the month).
        x.time ? {} : { values: (_u, splits) => splits.map((value) => x.format(value)), ...(bars ? { incrs: COUNT_STEPS, space: 90 } : x.steps ? { incrs: x.steps } : {}) },
        { scale: 'y', size: 64, values: (_u, splits) => splits.map((value) => y.format(value)), ...(y.steps ? { incrs: y.steps } : {}) },
        ...(y2
          ? [{ scale: 'y2', side: 1, size: 64, grid: { show: false }, values: (_u: uPlot, splits: number[]) => splits.map((value) => y2.format(value)), ...(y2.steps ? { incrs: y2.steps } : {}) }]
          : []),
      ],
      legend: { live: true },
    };
    const plot = new uPlot(options, [x.values as number[], ...series.map((line) => line.values as (number | null)[])], target);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: HEIGHT }));
    resize.observe(target);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, y, y2, series, bars]);
  const values = { x: x.values, series: Object.fromEntries(series.map((line) => [line.label, line.values])) };
  return (
    <figure className="analytics-chart" data-chart={name} data-values={JSON.stringify(values)}>
      <figcaption>{caption}</figcaption>
      <div className={y2 ? 'analytics-plot-frame analytics-plot-frame-2' : 'analytics-plot-frame'}>
        <span className="analytics-axis-label analytics-axis-y">{y.label}</span>
        <div ref={box} className="analytics-plot" role="img" aria-label={summary} />
        {y2 ? <span className="analytics-axis-label analytics-axis-y2">{y2.label}</span> : null}
        <span className="analytics-axis-label analytics-axis-x">{x.label}</span>
      </div>
      <details className="analytics-chart-table">
        <summary>Show as table</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{x.label}</th>
                {series.map((line) => (
                  <th key={line.label} scope="col">
                    {line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {x.values.map((at, row) => (
                <tr key={at}>
                  <th scope="row">{x.format(at)}</th>
                  {series.map((line) => {
                    const value = line.values[row] ?? null;
                    const axis = line.right ? (y2 ?? y) : y;
                    return (
                      <td key={line.label} className="number">
                        {value === null ? '–' : axis.format(value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
