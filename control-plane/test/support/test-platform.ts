// The whole control plane in one test process on a fresh database: API and edge servers on free ports (so
// JWKS, part uploads and playback go over real HTTP), the job worker on demand, ffmpeg at `ultrafast`.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Cidr } from '@ott/signing';
import { createApiServer } from '../../src/api/http-server.js';
import { createCaller } from '../../src/api/app-router.js';
import { createContextInner } from '../../src/api/context.js';
import { compose, type Composition } from '../../src/composition.js';
import type { DomainDeps } from '../../src/domain/deps.js';
import { OnDemandImages } from '../../src/domain/images/on-demand-images.js';
import { createEdgeServer } from '../../src/edge/create-edge-server.js';
import { DatabaseTenantDirectory } from '../../src/edge/database-tenant-directory.js';
import { JsonLinesAccessLog } from '../../src/edge/json-lines-access-log.js';
import { runWorker } from '../../src/jobs/run-worker.js';
import { listen } from '../../src/bin/process-lifecycle.js';
import { storeRootOf } from '../../src/shapes/compose-local-shape.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { testLogger } from './test-logger.js';

export interface TestPlatform {
  app: Composition;
  database: TestDatabase;
  apiUrl: string;
  edgeUrl: string;
  dataDir: string;
  accessLog: JsonLinesAccessLog;
  caller(accessToken?: string): ReturnType<typeof createCaller>;
  /** `overrides` replace parts of the worker's dependencies (e.g. a transcoder that pauses at a given moment). */
  startWorker(overrides?: Partial<DomainDeps>): Promise<void>;
  close(): Promise<void>;
}

export interface TestPlatformOptions {
  /** Private ranges tenant-given URLs may reach (OTT_OUTBOUND_ALLOWED_CIDRS): a local receiver needs 127.0.0.1/32. */
  outboundAllowedCidrs?: readonly Cidr[];
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ott-test-data-'));
  const apiServer = await reservePort();
  const edgeServer = await reservePort();
  const apiUrl = `http://127.0.0.1:${apiServer.port}`;
  const edgeUrl = `http://127.0.0.1:${edgeServer.port}`;
  const app = await compose(
    {
      cloud: 'local',
      databaseUrl: database.url,
      dataDir,
      apiUrl,
      edgeUrl,
      masterKey: randomBytes(32),
      authSecret: randomBytes(32),
      ffmpegPath: 'ffmpeg',
      ffprobePath: 'ffprobe',
      x264Preset: 'ultrafast',
      ...(options.outboundAllowedCidrs ? { outboundAllowedCidrs: options.outboundAllowedCidrs } : {}),
    },
    { db: database.db },
  );
  const accessLog = new JsonLinesAccessLog({ filePath: path.join(dataDir, 'logs', 'edge-access.jsonl'), flushIntervalMs: 50 });
  apiServer.serve(createApiServer({ deps: app.deps, log: testLogger, routes: app.routes, playbackRows: app.playbackRows }));
  const images = new OnDemandImages({ db: database.db, store: app.deps.store, ffmpegPath: 'ffmpeg' });
  edgeServer.serve(createEdgeServer({ storeRoot: storeRootOf({ dataDir }), directory: new DatabaseTenantDirectory(database.db, 100), accessLog, publicBaseUrl: edgeUrl, images }));
  let worker: { stop(): Promise<void> } | undefined;
  return {
    app,
    database,
    apiUrl,
    edgeUrl,
    dataDir,
    accessLog,
    caller: (accessToken) => createCaller(createContextInner(app.deps, accessToken, { playbackRows: app.playbackRows })),
    async startWorker(overrides) {
      // Without overrides the worker shares app.deps itself: tests swap a dependency there while it runs.
      worker ??= await runWorker(overrides ? { ...app.deps, ...overrides } : app.deps, app.queue, { provisioningConcurrency: 2, staleSeconds: 5, uploadExpiryIntervalSeconds: 1, log: testLogger });
    },
    async close() {
      for (const server of [apiServer.server, edgeServer.server]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      if (worker) await worker.stop();
      else await app.close();
      await accessLog.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Listens first (the URLs go into the configuration), then hands requests to the real server once it exists. */
async function reservePort(): Promise<{ server: Server; port: number; serve(target: Server): void }> {
  let target: Server | undefined;
  const server = createServer((request, response) => (target ? target.emit('request', request, response) : response.writeHead(503).end()));
  return { server, port: await listen(server, 0, '127.0.0.1'), serve: (real) => (target = real) };
}
