import { createApiServer } from '../api/http-server.js';
import { proxySettings } from '../api/proxy-settings.js';
import { compose } from '../composition.js';
import { migrateToLatest } from '../db/migrate.js';
import { readEnv } from '../env.js';
import { listen, onShutdown } from './process-lifecycle.js';
import { processLogger } from './process-logger.js';
import { requireDatabaseUrl, runtimeConfig } from './runtime-config.js';

const env = readEnv();
const log = processLogger(env, 'api');
const config = await runtimeConfig(env, requireDatabaseUrl(env));
const app = await compose(config, { log });
await migrateToLatest(app.deps.db);
const server = createApiServer({
  deps: app.deps,
  log,
  routes: app.routes,
  playbackRows: app.playbackRows,
  ...proxySettings(env),
  portalOrigins: app.portalOrigins,
});
const port = await listen(server, env.OTT_API_PORT, env.OTT_API_HOST);
log.info({ cloud: config.cloud }, `api listening on http://${env.OTT_API_HOST}:${port}`);
onShutdown(log, async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await app.close();
});
