import { useState, type ReactNode } from 'react';
import type { BillingStatus, VideoUsage } from '../api/api-types.js';
import { LoadingNotice } from '../components/loading-notice.js';
import { RecordTable } from '../components/record-table.js';
import { formatBytes, formatCents } from '../format/format.js';
import { Link } from '../routing/link.js';
import { USAGE_METRICS } from './usage-figures.js';

const TOP = 10;

/** What each video costs at the plan's usage prices, costliest first (the server's order). */
export function VideoCostsPanel({ videos, plan, error }: { videos: readonly VideoUsage[] | undefined; plan: BillingStatus['plan'] | undefined; error: unknown }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? videos : videos?.slice(0, TOP);
  const sellsUsage = plan ? Object.values(plan.overage).some((price) => price !== null) : true;
  return (
    <section className="panel" aria-labelledby="video-costs-title">
      <h2 id="video-costs-title">Cost per video</h2>
      <p className="hint">
        This period&apos;s transcoding and delivery, and a month of storage, at your plan&apos;s usage prices before what the plan includes.
        {sellsUsage ? '' : ` The ${plan?.name ?? ''} plan sells no usage beyond what it includes, so the costs read $0.00.`}
      </p>
      {!videos ? <LoadingNotice error={error} what="the cost per video" /> : null}
      {videos?.length === 0 ? <p className="empty">No videos yet.</p> : null}
      {shown?.length ? (
        <RecordTable
          caption="Cost per video"
          columns={['Video', 'Transcoding', 'Delivery', 'Storage (a month)', 'Total']}
          rows={shown.map((video) => ({
            key: video.videoId,
            name: video.title === null ? <span className="hint">Deleted video</span> : <Link to={`/videos/${video.videoId}`}>{video.title}</Link>,
            cells: [
              costOf(video.costCents.transcode, USAGE_METRICS.transcodeMinutes.format(video.transcodeMinutes)),
              costOf(video.costCents.egress, `${USAGE_METRICS.egressGB.format(video.egressGB)} · ${video.plays} ${video.plays === 1 ? 'play' : 'plays'}`),
              costOf(video.costCents.storagePerMonth, formatBytes(video.storedGB * 1e9)),
              <strong>{formatCents(video.costCents.total)}</strong>,
            ],
          }))}
        />
      ) : null}
      {videos && videos.length > TOP ? (
        <button type="button" onClick={() => setShowAll((current) => !current)} aria-expanded={showAll}>
          {showAll ? `Show the top ${TOP}` : `Show all ${videos.length} videos`}
        </button>
      ) : null}
    </section>
  );
}

/** `$0.02 1.25 min`: the amount, and the quantity it is for. */
function costOf(cents: number, quantity: string): ReactNode {
  return (
    <>
      {formatCents(cents)} <span className="hint">{quantity}</span>
    </>
  );
}
