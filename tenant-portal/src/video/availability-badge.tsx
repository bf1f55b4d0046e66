import type { AvailabilityState } from '@ott/contracts';

const LABELS: Record<AvailabilityState, string> = { scheduled: 'Scheduled', available: 'Available', expired: 'Expired' };

/** Where a video's publish window stands: before it ("Scheduled"), inside it, after it ("Expired"). */
export function AvailabilityBadge({ state }: { state: AvailabilityState }) {
  return <span className={`badge badge-availability-${state}`}>{LABELS[state]}</span>;
}
