import path from 'node:path';
import { createDatabase } from '../db/database.js';
import { createEdgeServer } from '../edge/create-edge-server.js';
import { DatabaseTenantDirectory } from '../edge/database-tenant-directory.js';
import { JsonLinesAccessLog } from '../edge/json-lines-access-log.js';
import { readEnv } from '../env.js';
import { OnDemandImages } from '../domain/images/on-demand-images.js';
import { localStoreOf, storeRootOf } from '../shapes/compose-local-shape.js';
import { closeServer, listen, onShutdown } from './process-lifecycle.js';
import { processLogger } from './process-logger.js';
import { requireDatabaseUrl, runtimeConfig } from './runtime-config.js';

const env = readEnv();
const log = processLogger(env, 'edge');
const config = await runtimeConfig(env, requireDatabaseUrl(env));
const db = createDatabase(config.databaseUrl, { max: 4 });
const accessLog = new JsonLinesAccessLog({ filePath: path.join(config.dataDir, 'logs', 'edge-access.jsonl'), onError: (error) => log.error({ err: error }, 'the access log could not be written') });
// Images on demand are made from the store the edge serves (the local shape's; in aws, CloudFront sends them to the API).
const images = new OnDemandImages({ db, store: localStoreOf(config), ffmpegPath: config.ffmpegPath });
const server = createEdgeServer({ storeRoot: storeRootOf(config), directory: new DatabaseTenantDirectory(db), accessLog, publicBaseUrl: config.edgeUrl, images });
const port = await listen(server, env.OTT_EDGE_PORT, env.OTT_API_HOST);
log.info(`edge listening on http://${env.OTT_API_HOST}:${port}`);
onShutdown(log, async () => {
  await closeServer(server);
  await accessLog.close();
  await db.destroy();
});
