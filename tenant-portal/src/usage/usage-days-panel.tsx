import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import type { UsageRange } from '../api/api-types.js';
import { LoadingNotice } from '../components/loading-notice.js';
import { OptionList } from '../components/option-list.js';
import { UsageChart } from './usage-chart.js';
import { UsageDaysTable } from './usage-days-table.js';

const RANGES: { value: UsageRange; label: string }[] = [
  { value: 'this-month', label: 'This month' },
  { value: 'last-30-days', label: 'Last 30 days' },
  { value: 'previous-month', label: 'Previous month' },
];

/** Usage day by day over a chosen range: a chart of one metric and a table of all. */
export function UsageDaysPanel() {
  const trpc = useTRPC();
  const id = useId();
  const [range, setRange] = useState<UsageRange>('this-month');
  const usage = useQuery(trpc.usage.days.queryOptions({ range }));
  return (
    <section className="panel" aria-labelledby="usage-days-title">
      <h2 id="usage-days-title">Usage by day</h2>
      <p className="usage-range">
        <label htmlFor={`${id}-range`}>Dates</label>
        <select id={`${id}-range`} value={range} onChange={(event) => setRange(event.target.value as UsageRange)}>
          <OptionList options={RANGES} />
        </select>
      </p>
      <p className="hint">Transcoding is in normalised minutes (how minutes of video become normalised minutes is explained above). Delivery is in decimal units (1 GB is 10⁹ bytes). Days are UTC.</p>
      {usage.data ? (
        <>
          <UsageChart days={usage.data.days} />
          <UsageDaysTable usage={usage.data} />
        </>
      ) : (
        <LoadingNotice error={usage.error} what="usage" />
      )}
    </section>
  );
}
