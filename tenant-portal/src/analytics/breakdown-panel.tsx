import type { AnalyticsBreakdown, AnalyticsDimension } from '@ott/contracts';
import { useId } from 'react';
import { LoadingNotice } from '../components/loading-notice.js';
import { OptionList } from '../components/option-list.js';
import { RecordTable } from '../components/record-table.js';
import { formatCount, formatSecondsFromMs, formatShare, formatWatchTime } from './analytics-figures.js';
import { CsvDownload } from './csv-download.js';
import { DIMENSION_LABELS, DIMENSION_OPTIONS } from './dimension-labels.js';

/** The period's figures split by one dimension (country, browser…); a row's "Only this" filters the page to it. */
export function BreakdownPanel({
  dimension,
  breakdown,
  error,
  onDimension,
  onOnly,
}: {
  dimension: AnalyticsDimension;
  breakdown: AnalyticsBreakdown | undefined;
  error: unknown;
  onDimension: (dimension: AnalyticsDimension) => void;
  onOnly: (value: string) => void;
}) {
  const id = useId();
  const label = DIMENSION_LABELS[dimension];
  const rows = breakdown?.dimension === dimension ? breakdown.rows : undefined;
  return (
    <section className="panel" aria-labelledby="breakdown-title">
      <div className="panel-head">
        <h2 id="breakdown-title">Breakdown</h2>
        {rows?.length ? (
          <CsvDownload
            filename={`breakdown-${dimension}.csv`}
            columns={[dimension, 'views', 'watch_seconds', 'startup_p50_ms', 'rebuffer_ratio', 'failure_rate']}
            rows={() => rows.map((row) => [row.value, row.views, row.watchSeconds, row.startupP50Ms, row.rebufferRatio, row.failureRate])}
          />
        ) : null}
      </div>
      <p className="analytics-choice">
        <label htmlFor={`${id}-by`}>By</label>
        <select id={`${id}-by`} value={dimension} onChange={(event) => onDimension(event.target.value as AnalyticsDimension)}>
          <OptionList options={DIMENSION_OPTIONS} />
        </select>
      </p>
      {!rows ? (
        <LoadingNotice error={error} what="the breakdown" />
      ) : rows.length === 0 ? (
        <p className="empty">No views to break down in this period.</p>
      ) : (
        <RecordTable
          caption={`Breakdown by ${label.toLowerCase()}`}
          columns={[label, 'Views', 'Watch time (h:mm:ss)', 'Start-up p50', 'Rebuffer ratio', 'Failure rate', '']}
          rows={rows.map((row) => ({
            key: row.value,
            name: row.value,
            cells: [
              formatCount(row.views),
              formatWatchTime(row.watchSeconds),
              formatSecondsFromMs(row.startupP50Ms),
              formatShare(row.rebufferRatio),
              formatShare(row.failureRate),
              <button key="only" type="button" onClick={() => onOnly(row.value)}>
                Only this<span className="visually-hidden"> {label.toLowerCase()}</span>
              </button>,
            ],
          }))}
        />
      )}
    </section>
  );
}
