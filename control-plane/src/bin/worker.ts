import { compose } from '../composition.js';
import { migrateToLatest } from '../db/migrate.js';
import { readEnv } from '../env.js';
import { runWorker } from '../jobs/run-worker.js';
import { onShutdown } from './process-lifecycle.js';
import { requireDatabaseUrl, runtimeConfig } from './runtime-config.js';

const env = readEnv();
const config = await runtimeConfig(env, requireDatabaseUrl(env));
const app = await compose(config);
await migrateToLatest(app.deps.db);
const worker = await runWorker(app.deps, app.queue, {
  provisioningConcurrency: 4,
  staleSeconds: env.OTT_JOB_STALE_SECONDS,
  log: (message) => console.log(`worker: ${message}`),
  metering: { intervalSeconds: env.OTT_METERING_INTERVAL_SECONDS, ...app.deliveryLogs },
  backgroundLoops: app.backgroundLoops,
});
console.log('worker ready');
onShutdown(async () => {
  await worker.stop();
  await app.close();
});
