// Many viewers at once against the real api and edge processes on loopback: no errors, latency reported.
// `npm test` runs a short version; `npm run soak` runs 500 viewers for 60 s.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeClip } from '@ott/control-plane/test-support/media-fixtures';
import { createTestDatabase, type TestDatabase } from '@ott/control-plane/test-support/test-database';
import { readPart } from '@ott/control-plane/test-support/upload-file';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { runViewerLoad } from '../load/simulated-viewers.js';
import { apiClient } from '../support/api-client.js';
import { startPlatformProcesses, type PlatformProcesses } from '../support/platform-processes.js';

const soak = process.env.OTT_SOAK === '1';
let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcesses;
let videoId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ott-load-'));
  platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir, env: { OTT_X264_PRESET: 'ultrafast' } });
  const session = await apiClient(platform.apiUrl).tenants.signup.mutate({ companyName: 'Loaded', slug: 'loaded', email: 'owner@loaded.example', password: 'a long enough password' });
  const admin = apiClient(platform.apiUrl, session.accessToken);
  await waitFor(async () => ((await admin.tenants.me.query()).status === 'active' ? true : undefined), { what: 'provisioning' });
  const clip = await makeClip(path.join(dataDir, 'clip.mp4'), { seconds: 12, width: 1280, height: 720 });
  const ticket = await admin.videos.createUpload.mutate({ filename: 'clip.mp4', size: (await stat(clip)).size });
  for (const part of ticket.parts) await fetch(part.url, { method: 'PUT', body: new Uint8Array(await readPart(clip, ticket.partSize, part.partNumber)) });
  await admin.videos.completeUpload.mutate({ videoId: ticket.videoId });
  videoId = ticket.videoId;
  await waitFor(async () => ((await admin.videos.get.query({ videoId })).status === 'ready' ? true : undefined), { what: 'ready', timeoutMs: 120_000 });
});
afterAll(async () => {
  await platform?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

it(`serves ${soak ? 500 : 100} concurrent viewers without an error`, async () => {
  const report = await runViewerLoad({ apiUrl: platform.apiUrl, videoId, viewers: soak ? 500 : 100, durationMs: soak ? 60_000 : 8_000 });
  console.log(
    `viewer load: ${report.viewers} viewers, ${report.seconds.toFixed(1)} s, ${report.requests} requests (${Math.round(report.requests / report.seconds)}/s), ` +
      `${(report.bytes / 1e6 / report.seconds).toFixed(1)} MB/s, latency p50 ${report.latencyMs.p50} ms p99 ${report.latencyMs.p99} ms max ${report.latencyMs.max} ms, ` +
      `authorize p50 ${report.authorizeMs.p50} ms p99 ${report.authorizeMs.p99} ms, errors ${report.errors}`,
  );
  expect(report.errorSamples).toEqual([]);
  expect(report.errors).toBe(0);
  expect(report.requests).toBeGreaterThan(report.viewers * 4);
});
