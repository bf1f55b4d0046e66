// From upload complete to the lowest rung playable (authorise + 360p playlist + first segment served),
// against the time to the full ladder, on a 60 s 1080p30 source through the real worker (veryfast).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { readPart } from '@ott/control-plane/test-support/upload-file';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import { apiClient } from '@ott/e2e/support/api-client';
import { startPlatformProcesses } from '@ott/e2e/support/platform-processes';
import { createBenchDatabase } from '../bench-database.js';
import { round, type Benchmark } from '../benchmark.js';

const run = promisify(execFile);

export const timeToPlayable: Benchmark = async (options) => {
  const seconds = options.quick ? 15 : 60;
  const source = path.join(options.workDir, `playable-source-${seconds}s.mp4`);
  if (!existsSync(source)) {
    await run('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=1920x1080:rate=30:duration=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `sine=duration=${seconds}`,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      source,
    ]);
  }
  const database = await createBenchDatabase(options.adminDatabaseUrl);
  const platform = await startPlatformProcesses({ databaseUrl: database.url, dataDir: path.join(options.workDir, 'playable'), env: { OTT_X264_PRESET: 'veryfast' } });
  try {
    const session = await apiClient(platform.apiUrl).tenants.signup.mutate({ companyName: 'Bench', slug: 'bench-playable', email: 'owner@bench.example', password: 'a long enough password' });
    const admin = apiClient(platform.apiUrl, session.accessToken);
    await waitFor(async () => ((await admin.tenants.me.query()).status === 'active' ? true : undefined), { what: 'provisioning' });
    const ticket = await admin.videos.createUpload.mutate({ filename: 'film.mp4', size: (await stat(source)).size });
    await Promise.all(ticket.parts.map(async (part) => fetch(part.url, { method: 'PUT', body: new Uint8Array(await readPart(source, ticket.partSize, part.partNumber)) })));
    const completed = performance.now();
    await admin.videos.completeUpload.mutate({ videoId: ticket.videoId });
    let playableAt: number | undefined;
    await waitFor(
      async () => {
        if (playableAt === undefined && (await lowestRungPlays(platform.apiUrl, ticket.videoId))) playableAt = performance.now();
        return (await admin.videos.get.query({ videoId: ticket.videoId })).status === 'ready' ? true : undefined;
      },
      { what: 'the ladder', timeoutMs: 900_000, intervalMs: 100 },
    );
    const ladderSeconds = (performance.now() - completed) / 1000;
    const playableSeconds = ((playableAt ?? performance.now()) - completed) / 1000;
    return {
      name: 'time to playable',
      ours: { label: `upload complete → lowest rung playable, ${seconds} s 1080p30`, value: round(playableSeconds, 1), unit: 's' },
      reference: { label: 'upload complete → full ladder ready', value: round(ladderSeconds, 1), unit: 's' },
      ratio: round(playableSeconds / ladderSeconds),
      target: 'well before the ladder ends (≤ 0.5×)',
      met: playableSeconds / ladderSeconds <= 0.5,
      notes: ['polled every 100 ms: authorise, then the 360p playlist and its first segment through the edge'],
      command: 'npm run bench -- time-to-playable',
    };
  } finally {
    await platform.stop();
    await database.drop();
  }
};

async function lowestRungPlays(apiUrl: string, videoId: string): Promise<boolean> {
  try {
    const grant = await apiClient(apiUrl).playback.authorize.mutate({ videoId });
    const master = await (await fetch(grant.signedManifestUrl)).text();
    const lowest = master
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .at(-1);
    if (!lowest) return false;
    const mediaUrl = new URL(lowest, grant.signedManifestUrl);
    const media = await fetch(mediaUrl);
    if (!media.ok) return false;
    const segment = (await media.text()).split('\n').find((line) => line && !line.startsWith('#'));
    return segment !== undefined && (await fetch(new URL(segment, mediaUrl))).ok;
  } catch {
    return false;
  }
}
