import type { UsageByDay } from '../api/api-types.js';
import { LoadingNotice } from '../components/loading-notice.js';
import { UsageChart } from './usage-chart.js';
import { UsageDaysTable } from './usage-days-table.js';

/** Usage in the billing period so far, day by day: a chart of one metric and a table of all four. */
export function UsageDaysPanel({ usage, error }: { usage: UsageByDay | undefined; error: unknown }) {
  return (
    <section className="panel" aria-labelledby="usage-days-title">
      <h2 id="usage-days-title">Usage this period</h2>
      <p className="hint">Transcode minutes are normalised: every rendition counts, at least 10 s each, and HD twice SD. Delivery is in decimal units (1 GB is 10^9 bytes). Days are UTC.</p>
      {usage ? (
        <>
          <UsageChart days={usage.days} />
          <UsageDaysTable usage={usage} />
        </>
      ) : (
        <LoadingNotice error={error} what="usage" />
      )}
    </section>
  );
}
