import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';
import { formatDate } from '../format/format.js';

const STATUS = { pending: 'Retrying', succeeded: 'Delivered', failed: 'Gave up' } as const;

/** An endpoint's latest deliveries: what was sent, what the receiver answered, when the next retry is, and Replay. */
export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Refreshed while open, so a test event or a retry shows up without reloading.
  const deliveries = useQuery({ ...trpc.webhooks.deliveries.queryOptions({ endpointId, limit: 20 }), refetchInterval: 3000 });
  const replay = useMutation(trpc.webhooks.replay.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey({ endpointId, limit: 20 }) }) }));
  const rows = deliveries.data?.data ?? [];
  return (
    <div className="delivery-log">
      <h3>Delivery log</h3>
      <ErrorNotice error={deliveries.error ?? replay.error ?? undefined} />
      {deliveries.data && rows.length === 0 ? <p className="empty">Nothing sent yet. Send a test event to try the endpoint.</p> : null}
      {rows.length > 0 ? (
        <RecordTable
          caption="Deliveries"
          columns={['Event', 'Created', 'Status', 'Response', 'Latency', 'Attempts', 'Next retry', '']}
          rows={rows.map((delivery) => {
            const last = delivery.attemptLog.at(-1);
            return {
              key: delivery.id,
              name: (
                <details>
                  <summary>
                    <code>{delivery.eventType}</code>
                  </summary>
                  <p className="hint">
                    Event id <code>{delivery.eventId}</code>
                  </p>
                  {delivery.attemptLog.map((attempt) => (
                    <div key={attempt.attempt} className="attempt">
                      <p>
                        Attempt {attempt.attempt}, {formatDate(attempt.at)}: {attempt.responseStatus ?? 'no answer'} in {attempt.latencyMs} ms{attempt.error ? ` — ${attempt.error}` : ''}
                      </p>
                      <pre>{attempt.requestBody}</pre>
                      {attempt.responseBody ? <pre>{attempt.responseBody}</pre> : null}
                    </div>
                  ))}
                </details>
              ),
              cells: [
                formatDate(delivery.createdAt),
                <span className={`badge badge-${delivery.status === 'succeeded' ? 'ready' : delivery.status === 'failed' ? 'failed' : 'processing'}`}>{STATUS[delivery.status]}</span>,
                delivery.lastStatusCode ?? (delivery.lastError ? <span title={delivery.lastError}>{delivery.lastError.split(':')[0]}</span> : '—'),
                last ? `${last.latencyMs} ms` : '—',
                delivery.attempts,
                delivery.nextAttemptAt ? formatDate(delivery.nextAttemptAt) : '—',
                <button type="button" onClick={() => replay.mutate({ deliveryId: delivery.id })} disabled={replay.isPending}>
                  Replay
                </button>,
              ],
            };
          })}
        />
      ) : null}
    </div>
  );
}
