import type { MeterGauge, UsageOverview } from '../api/api-types.js';
import { LoadingNotice } from '../components/loading-notice.js';
import { ProgressBar } from '../components/progress-bar.js';
import { formatBytes, formatCents, formatDay, formatQuantity, percent } from '../format/format.js';

const METER_NAMES: Record<MeterGauge['meter'], string> = { transcode: 'Transcoding', egress: 'Delivery', storage: 'Storage' };

/** This period as a bill: each meter against what the plan includes, a month-end estimate, and what the units mean. */
export function UsageOverviewPanel({ overview, error }: { overview: UsageOverview | undefined; error: unknown }) {
  if (!overview) {
    return (
      <section className="panel" aria-labelledby="usage-overview-title">
        <h2 id="usage-overview-title">This month at a glance</h2>
        <LoadingNotice error={error} what="this month's usage" />
      </section>
    );
  }
  const { days, invoice } = overview;
  return (
    <section className="panel usage-overview" aria-labelledby="usage-overview-title">
      <h2 id="usage-overview-title">This month at a glance</h2>
      <p className="hint">
        {overview.plan.name} plan, {formatDay(overview.period.startsAt, { year: true })} to {formatDay(new Date(new Date(overview.period.endsAt).getTime() - 1), { year: true })} (UTC), day{' '}
        {days.soFar} of {days.total}.
      </p>
      <dl className="facts usage-forecast">
        <dt>Invoice so far</dt>
        <dd>{formatCents(invoice.soFarCents)}</dd>
        <dt>Month-end estimate</dt>
        <dd data-testid="invoice-forecast">{formatCents(invoice.forecastCents)}</dd>
      </dl>
      <p className="hint">
        Estimates assume the rest of the month goes like the {days.soFar} {days.soFar === 1 ? 'day' : 'days'} so far (a straight line): they are not a quote.
      </p>
      <div className="usage-meters">
        {overview.meters.map((meter) => (
          <MeterCard key={meter.meter} meter={meter} overview={overview} />
        ))}
        <PlaysCard overview={overview} />
      </div>
    </section>
  );
}

function MeterCard({ meter, overview }: { meter: MeterGauge; overview: UsageOverview }) {
  const name = METER_NAMES[meter.meter];
  const amount = (value: number) => (meter.unit === 'bytes' ? formatBytes(value) : `${formatQuantity(value)} ${meter.unit}`);
  const fraction = meter.included > 0 ? meter.used / meter.included : 0;
  const beyond = meter.limit !== null ? `New uploads stop at ${amount(meter.limit)}.` : meter.overagePrice ? `Beyond that: ${meter.overagePrice}.` : 'Not sold beyond that on this plan.';
  return (
    <article className="usage-meter" aria-label={name}>
      <h3>{name}</h3>
      <ProgressBar fraction={Math.min(1, fraction)} label={`${name}: used of included`} />
      <p className="usage-meter-numbers">
        <strong>{amount(meter.used)}</strong> of {amount(meter.included)} included ({percent(fraction)})
      </p>
      <p>
        Month-end estimate: {amount(meter.forecast)}. {beyond}
      </p>
      <MeterExplanation meter={meter} overview={overview} />
    </article>
  );
}

function MeterExplanation({ meter, overview }: { meter: MeterGauge; overview: UsageOverview }) {
  switch (meter.meter) {
    case 'transcode':
      return (
        <p className="hint">
          {formatQuantity(overview.transcode.sourceMinutes)} min of video transcoded this month. {overview.transcode.explanation}
        </p>
      );
    case 'egress':
      return <p className="hint">Bytes sent to viewers (and to your own previews), counted from the delivery logs; 1 GB is 10⁹ bytes.</p>;
    case 'storage':
      return (
        <p className="hint">
          Stored now: {formatBytes(overview.storage.storedBytesNow)}
          {overview.storage.limitBytes === null ? '' : ` of ${formatBytes(overview.storage.limitBytes)} allowed`} (originals and renditions). Billed in GB-months: what is stored, measured every hour
          and averaged over the month, so 1 GB kept all month is 1 GB-month and 1 GB kept for a day about 0.03.
        </p>
      );
  }
}

function PlaysCard({ overview }: { overview: UsageOverview }) {
  return (
    <article className="usage-meter" aria-label="Plays">
      <h3>Plays</h3>
      <dl className="facts">
        <dt>Viewer plays</dt>
        <dd data-testid="viewer-plays">{formatQuantity(overview.plays.viewers)}</dd>
        <dt>Your previews</dt>
        <dd data-testid="preview-plays">
          {formatQuantity(overview.plays.previews)} ({formatBytes(overview.previewEgressBytes)})
        </dd>
      </dl>
      <p className="hint">
        Previews in this portal are counted apart from your viewers. Plays are never billed; the bytes your previews take are delivery like any other and are in the Delivery meter.
      </p>
    </article>
  );
}
