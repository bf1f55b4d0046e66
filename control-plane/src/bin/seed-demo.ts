// The demo tenant of `npm start`, created through the public HTTP API like any client would, once:
// a second start finds it (credentials kept in the data folder) and reuses it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile, open } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { OWNER_ONLY_FILE_MODE, ownerOnlyFile, ownerOnlyFolders } from '../fs/owner-only.js';
import type { Logger } from '../ports.js';

interface DemoState {
  slug: string;
  email: string;
  password: string;
  videoId?: string;
}

export interface DemoVideo {
  videoId: string;
  status: string;
  playUrl: string | undefined;
}

/** The workspace and its login as soon as it is active; the sample video when it is transcoded (never rejects but on Ctrl-C). */
export interface DemoSummary {
  slug: string;
  email: string;
  password: string;
  video: Promise<DemoVideo>;
}

const SLUG = 'demo';

class ApiClient {
  accessToken: string | undefined;
  constructor(private readonly apiUrl: string) {}

  async call<T>(procedure: string, input?: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    const url = `${this.apiUrl}/trpc/${procedure}`;
    const response =
      kind === 'query'
        ? await fetch(input === undefined ? url : `${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
        : await fetch(url, { method: 'POST', headers, body: JSON.stringify(input ?? null) });
    const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (!response.ok || !body.result) throw new Error(body.error?.message ?? `${procedure} failed with HTTP ${response.status}`);
    return body.result.data;
  }
}

/** How often a wait says it is still waiting. */
const PROGRESS_EVERY_MS = 10_000;

/**
 * Prepares the demo, waiting as long as each step takes (a busy two-core machine compiles the api, worker and edge
 * for well over 30 s), with a progress line every 10 s. Answers once the workspace is active, so its login is printed
 * while the sample transcodes; a sample that cannot be uploaded or transcoded is reported in its `status`.
 */
export async function seedDemo(options: { apiUrl: string; dataDir: string; ffmpegPath: string; log: Logger; signal: AbortSignal }): Promise<DemoSummary> {
  const api = new ApiClient(options.apiUrl);
  const wait = <T>(what: string, check: () => Promise<T | undefined>) => waitFor(check, { what, log: options.log, signal: options.signal });
  await wait('the API', async () =>
    (await fetch(`${options.apiUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    ))
      ? true
      : undefined,
  );
  const stateFile = path.join(options.dataDir, 'demo.json');
  let state: DemoState;
  if (existsSync(stateFile)) {
    state = JSON.parse(await readFile(stateFile, 'utf8')) as DemoState;
    api.accessToken = (await api.call<{ accessToken: string }>('auth.login', { tenantSlug: state.slug, email: state.email, password: state.password })).accessToken;
  } else {
    state = { slug: SLUG, email: 'demo@ott.local', password: `demo-${randomBytes(6).toString('hex')}` };
    options.log.info('creating the demo workspace');
    api.accessToken = (await api.call<{ accessToken: string }>('tenants.signup', { companyName: 'Demo Films', slug: state.slug, email: state.email, password: state.password })).accessToken;
    await writeFile(stateFile, JSON.stringify(state), ownerOnlyFile);
  }
  await wait('the demo workspace to be provisioned', async () => ((await api.call<{ status: string }>('tenants.me', undefined, 'query')).status === 'active' ? true : undefined));
  const video = demoVideo(api, state, stateFile, options, wait).catch((error: unknown) => {
    if (options.signal.aborted) throw error;
    return { videoId: state.videoId ?? '(none)', status: `not ready: ${(error as Error).message}`, playUrl: undefined };
  });
  return { slug: state.slug, email: state.email, password: state.password, video };
}

async function demoVideo(
  api: ApiClient,
  state: DemoState,
  stateFile: string,
  options: { dataDir: string; ffmpegPath: string; log: Logger },
  wait: <T>(what: string, check: () => Promise<T | undefined>) => Promise<T>,
): Promise<DemoVideo> {
  if (!state.videoId) {
    const sample = path.join(options.dataDir, 'samples', 'ott-demo-sample.mp4');
    await makeSample(options.ffmpegPath, sample);
    options.log.info('uploading the sample video');
    state.videoId = await upload(api, sample);
    await writeFile(stateFile, JSON.stringify(state), ownerOnlyFile);
  }
  const videoId = state.videoId;
  let lastShown = -1;
  const video = await wait('the sample video to be transcoded', async () => {
    const current = await api.call<{ status: string; progress: number; failureReason: string | null }>('videos.get', { videoId }, 'query');
    const percent = Math.round(current.progress * 100);
    if (current.status === 'processing' && percent >= lastShown + 20) {
      lastShown = percent;
      options.log.info(`transcoding the sample: ${percent}%`);
    }
    return current.status === 'ready' || current.status === 'failed' ? current : undefined;
  });
  const playUrl = video.status === 'ready' ? (await api.call<{ signedManifestUrl: string }>('playback.authorize', { videoId })).signedManifestUrl : undefined;
  return { videoId, status: video.status === 'failed' ? `failed: ${video.failureReason}` : video.status, playUrl };
}

async function makeSample(ffmpegPath: string, file: string): Promise<void> {
  if (existsSync(file)) return;
  await mkdir(path.dirname(file), ownerOnlyFolders);
  await promisify(execFile)(ffmpegPath, [
    '-y',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1920x1080:rate=30:duration=10',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000:duration=10',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
    file,
  ]);
  // ffmpeg creates it under the umask; everything in the data folder is owner-only.
  await chmod(file, OWNER_ONLY_FILE_MODE);
}

async function upload(api: ApiClient, file: string): Promise<string> {
  const { size } = await stat(file);
  const ticket = await api.call<{ videoId: string; partSize: number; parts: { partNumber: number; url: string }[] }>('videos.createUpload', {
    filename: path.basename(file),
    size,
    title: 'OTT Cloud demo',
  });
  const handle = await open(file, 'r');
  try {
    for (const part of ticket.parts) {
      const start = (part.partNumber - 1) * ticket.partSize;
      const body = Buffer.alloc(Math.min(ticket.partSize, size - start));
      await handle.read(body, 0, body.length, start);
      const response = await fetch(part.url, { method: 'PUT', body });
      if (!response.ok) throw new Error(`part ${part.partNumber} was refused: ${await response.text()}`);
    }
  } finally {
    await handle.close();
  }
  await api.call('videos.completeUpload', { videoId: ticket.videoId });
  return ticket.videoId;
}

/** Polls until `check` answers, however long that takes, saying so every 10 s; stops when `signal` aborts (Ctrl-C). */
async function waitFor<T>(check: () => Promise<T | undefined>, options: { what: string; log: Logger; signal: AbortSignal }): Promise<T> {
  const started = Date.now();
  let nextProgress = started + PROGRESS_EVERY_MS;
  for (;;) {
    options.signal.throwIfAborted();
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() >= nextProgress) {
      options.log.info(`waiting for ${options.what}… ${Math.round((Date.now() - started) / 1000)} s`);
      nextProgress += PROGRESS_EVERY_MS;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
