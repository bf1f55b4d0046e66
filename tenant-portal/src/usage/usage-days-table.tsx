import type { UsageByDay } from '../api/api-types.js';
import { formatDay } from '../format/format.js';
import { hasUsage, USAGE_METRIC_ORDER, USAGE_METRICS } from './usage-figures.js';

/** The days with any usage, oldest first, and the period's totals. */
export function UsageDaysTable({ usage }: { usage: UsageByDay }) {
  const days = usage.days.filter(hasUsage);
  if (days.length === 0) return <p className="empty">No usage recorded in these dates.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Usage by day</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            {USAGE_METRIC_ORDER.map((metric) => (
              <th key={metric} scope="col" className="number">
                {USAGE_METRICS[metric].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">{formatDay(day.day)}</th>
              {USAGE_METRIC_ORDER.map((metric) => (
                <td key={metric} className="number">
                  {USAGE_METRICS[metric].format(USAGE_METRICS[metric].value(day))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {USAGE_METRIC_ORDER.map((metric) => (
              <td key={metric} className="number">
                {USAGE_METRICS[metric].format(USAGE_METRICS[metric].value(usage.totals))}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
