// The platform's real processes on a bench database, with one tenant and one ready video to play.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { readPart } from '@ott/control-plane/test-support/upload-file';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { apiClient, type ApiClient } from '@ott/e2e/support/api-client';
import { startPlatformProcesses, type PlatformProcesses } from '@ott/e2e/support/platform-processes';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import type { BenchOptions } from './benchmark.js';

export interface BenchPlatform {
  platform: PlatformProcesses;
  database: BenchDatabase;
  admin: ApiClient;
  accessToken: string;
  tenantId: string;
  videoId: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startBenchPlatform(options: BenchOptions, name: string): Promise<BenchPlatform> {
  const database = await createBenchDatabase(options.adminDatabaseUrl);
  const dataDir = path.join(options.workDir, name);
  const platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
  const session = await apiClient(platform.apiUrl).tenants.signup.mutate({ companyName: 'Bench', slug: `bench-${name}`, email: 'owner@bench.example', password: 'a long enough password' });
  const admin = apiClient(platform.apiUrl, session.accessToken);
  await waitFor(async () => ((await admin.tenants.me.query()).status === 'active' ? true : undefined), { what: 'provisioning' });
  const clip = await makeClip(path.join(dataDir, 'clip.mp4'), { seconds: 4, width: 640, height: 360 });
  const ticket = await admin.videos.createUpload.mutate({ filename: 'clip.mp4', size: (await stat(clip)).size });
  for (const part of ticket.parts) await fetch(part.url, { method: 'PUT', body: new Uint8Array(await readPart(clip, ticket.partSize, part.partNumber)) });
  await admin.videos.completeUpload.mutate({ videoId: ticket.videoId });
  await waitFor(async () => ((await admin.videos.get.query({ videoId: ticket.videoId })).status === 'ready' ? true : undefined), { what: 'ready', timeoutMs: 120_000 });
  return {
    platform,
    database,
    admin,
    accessToken: session.accessToken,
    tenantId: session.tenantId,
    videoId: ticket.videoId,
    dataDir,
    async stop() {
      await platform.stop();
      await database.drop();
    },
  };
}
