// Webhook delivery against a slow receiver: 1,000 events recorded at once for one endpoint whose receiver answers
// each request after 200 ms. Every event must arrive (distinct webhook-ids = events); the figure is the throughput,
// compared with the ideal the per-endpoint bound allows (bound / 0.2 s), with the p99 lag from recording to arrival
// and the most requests the receiver ever had open at once (never above the bound).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '@ott/control-plane/internals/composition';
import { GuardedOutboundHttp } from '@ott/control-plane/internals/guarded-outbound-http';
import { SecretBox } from '@ott/control-plane/internals/secret-box';
import { WEBHOOK_DISPATCH_DEFAULTS, WebhookDispatcher } from '@ott/control-plane/internals/webhook-dispatcher';
import { createEndpoint, recordWebhookEvent } from '@ott/control-plane/internals/webhooks';
import { createBenchDatabase } from '../bench-database.js';
import { percentile, round, type Benchmark } from '../benchmark.js';

const ANSWER_MS = 200;

export const webhookDelivery: Benchmark = async (options) => {
  const events = options.quick ? 200 : 1000;
  const perEndpoint = WEBHOOK_DISPATCH_DEFAULTS.perEndpoint;
  const database = await createBenchDatabase(options.adminDatabaseUrl);
  const arrived = new Map<string, number>();
  let requests = 0;
  let open = 0;
  let maxOpen = 0;
  const receiver = createServer((request, response) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    requests += 1;
    const id = String(request.headers['webhook-id']);
    request.resume();
    setTimeout(() => {
      if (!arrived.has(id)) arrived.set(id, performance.now());
      response.end();
      open -= 1;
    }, ANSWER_MS);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const deps = {
    db: database.db,
    secrets: new SecretBox(randomBytes(32)),
    clock: systemClock,
    // The receiver is on loopback, as OTT_OUTBOUND_ALLOWED_CIDRS=127.0.0.1/32 allows locally.
    outbound: new GuardedOutboundHttp({ allowedCidrs: [{ network: { family: 4, bytes: Uint8Array.from([127, 0, 0, 1]) }, prefixLength: 32 }] }),
  };
  const silent = { debug: () => {}, info: () => {}, warn: (...args: unknown[]) => options.log(`dispatcher: ${JSON.stringify(args)}`), error: () => {}, child: () => silent };
  const dispatcher = new WebhookDispatcher(deps, silent);
  try {
    const tenant = await database.db.insertInto('tenants').values({ slug: 'webhook-bench', name: 'Webhook bench', status: 'active', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await createEndpoint(deps, tenant.id, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks` });
    const recorded = new Map<string, number>();
    const started = performance.now();
    dispatcher.start();
    for (let index = 0; index < events; index += 1) {
      // One transaction per event, as a change in the library records it; each video its own ordering key.
      const id = await database.db
        .transaction()
        .execute((trx) => recordWebhookEvent(trx, { tenantId: tenant.id, type: 'video.ready', orderingKey: `video-${index}`, data: { id: `video-${index}` }, now: new Date() }));
      if (id === undefined) throw new Error('the benchmark endpoint did not subscribe to video.ready');
      recorded.set(id, performance.now());
    }
    const deadline = started + (events / (perEndpoint / (ANSWER_MS / 1000))) * 3000 + 30_000;
    while (arrived.size < events && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (arrived.size < events) throw new Error(`only ${arrived.size} of ${events} events arrived`);
    const finished = Math.max(...arrived.values());
    const throughput = events / ((finished - started) / 1000);
    const ideal = perEndpoint / (ANSWER_MS / 1000);
    const lags = [...recorded].map(([id, at]) => (arrived.get(id) ?? Number.POSITIVE_INFINITY) - at);
    const notes = [
      `distinct event ids delivered ${arrived.size} of ${events}, ${requests - arrived.size} duplicate requests`,
      `p99 lag recorded → delivered ${round(percentile(lags, 0.99) / 1000, 1)} s, median ${round(percentile(lags, 0.5) / 1000, 1)} s (all recorded at once)`,
      `max in flight at the receiver ${maxOpen} (bound ${perEndpoint})`,
    ];
    for (const note of notes) options.log(note);
    return {
      name: 'webhook delivery',
      ours: { label: `${events.toLocaleString('en')} events to one receiver answering in ${ANSWER_MS} ms`, value: round(throughput, 1), unit: 'events/s' },
      reference: { label: `the per-endpoint bound's ideal (${perEndpoint} in flight / ${ANSWER_MS / 1000} s)`, value: ideal, unit: 'events/s' },
      ratio: round(throughput / ideal),
      target: '≥ 0.8×',
      met: throughput / ideal >= 0.8 && maxOpen <= perEndpoint,
      notes,
      command: 'npm run bench -- webhook-delivery',
    };
  } finally {
    await dispatcher.stop();
    receiver.closeAllConnections();
    receiver.close();
    await database.drop();
  }
};
