import { formatMinorUnits } from '@ott/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';

const DAY = 86_400_000;

/** The last 30 days of sales: money with the platform's fees, subscribers and churn, titles rented and bought. */
export function SalesReportPanel() {
  const trpc = useTRPC();
  // One period per visit: the query key stays the same while the page is open.
  const [period] = useState(() => ({ from: new Date(Date.now() - 30 * DAY), to: new Date(Date.now() + 60_000) }));
  const report = useQuery(trpc.sales.report.queryOptions(period));
  const data = report.data;
  return (
    <section aria-labelledby="report-title" className="panel">
      <h2 id="report-title">Last 30 days</h2>
      <ErrorNotice error={report.error ?? undefined} />
      {data ? (
        <>
          {data.money.length === 0 ? <p className="empty">No sales yet.</p> : null}
          {data.money.length ? (
            <RecordTable
              caption="Money"
              columns={['Revenue', 'Refunds', 'Platform fees', 'Net']}
              rows={data.money.map((row) => ({
                key: row.currency,
                name: row.currency.toUpperCase(),
                cells: [
                  formatMinorUnits(row.revenue, row.currency),
                  formatMinorUnits(row.refunds, row.currency),
                  row.estimatedPlatformFees === 0
                    ? formatMinorUnits(row.platformFees, row.currency)
                    : `${formatMinorUnits(row.platformFees, row.currency)} (${formatMinorUnits(row.estimatedPlatformFees, row.currency)} estimated at ${data.feePercent}%)`,
                  formatMinorUnits(row.net, row.currency),
                ],
              }))}
            />
          ) : null}
          {data.money.length ? (
            <p className="hint">
              Platform fees are the application fees Stripe took on each payment, less any it refunded; where Stripe reported none, they are estimated from your plan’s {data.feePercent}%.
            </p>
          ) : null}
          <p>
            Subscribers: {data.subscribers.active} active, {data.subscribers.trialing} in a free trial, {data.subscribers.pastDue} past due; {data.subscribers.churned} ended in these 30 days.
          </p>
          {data.titles.length ? (
            <RecordTable
              caption="Rentals and purchases by title"
              columns={['Rentals', 'Purchases']}
              rows={data.titles.map((title) => ({ key: title.videoId, name: title.title, cells: [String(title.rentals), String(title.purchases)] }))}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
