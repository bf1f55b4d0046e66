import { compose } from '../composition.js';
import { migrateToLatest } from '../db/migrate.js';
import { readEnv } from '../env.js';
import { runWorker } from '../jobs/run-worker.js';
import { onShutdown } from './process-lifecycle.js';
import { processLogger } from './process-logger.js';
import { requireDatabaseUrl, runtimeConfig } from './runtime-config.js';

const env = readEnv();
const log = processLogger(env, 'worker');
const config = await runtimeConfig(env, requireDatabaseUrl(env));
const app = await compose(config, { log });
await migrateToLatest(app.deps.db);
const worker = await runWorker(app.deps, app.queue, {
  provisioningConcurrency: 4,
  staleSeconds: env.OTT_JOB_STALE_SECONDS,
  analyticsRawRetentionDays: env.OTT_ANALYTICS_RAW_RETENTION_DAYS,
  log,
  metering: { intervalSeconds: env.OTT_METERING_INTERVAL_SECONDS, ...app.deliveryLogs },
  backgroundLoops: app.backgroundLoops,
});
log.info({ cloud: config.cloud }, 'worker ready');
onShutdown(log, async () => {
  await worker.stop();
  await app.close();
});
