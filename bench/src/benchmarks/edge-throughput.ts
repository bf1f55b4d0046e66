// The local edge serving signed 1 MiB segments, against a bare Node static file server (and nginx when
// installed) on the same files, each loaded by wrk for the same time.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '@ott/control-plane/internals/free-port';
import { startBenchPlatform } from '../bench-platform.js';
import { median, round, type Benchmark } from '../benchmark.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

export const edgeThroughput: Benchmark = async (options) => {
  const seconds = options.quick ? 4 : 10;
  const bench = await startBenchPlatform(options, 'edge');
  const children: ChildProcess[] = [];
  try {
    const videoDir = path.join(bench.dataDir, 'store', 't', bench.tenantId, 'v', bench.videoId);
    await mkdir(path.join(videoDir, 'bench'), { recursive: true });
    await writeFile(path.join(videoDir, 'bench', 'segment.m4s'), randomBytes(1024 * 1024));
    const grant = await bench.admin.playback.authorize.mutate({ videoId: bench.videoId });
    const edgeUrl = `${bench.platform.edgeUrl}/t/${bench.tenantId}/v/${bench.videoId}/bench/segment.m4s?${grant.query}`;

    const barePort = await freePort();
    const bare = spawn(process.execPath, ['--import', 'tsx', path.join(here, '..', 'bare-static-server.ts'), String(barePort), path.join(bench.dataDir, 'store')], { stdio: 'ignore' });
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}/t/${bench.tenantId}/v/${bench.videoId}/bench/segment.m4s`;
    await waitForHttp(bareUrl);

    const runs = options.quick ? 1 : options.runs;
    const measure = async (url: string) => median(await sequence(runs, () => wrk(url, seconds)));
    const ours = await measure(edgeUrl);
    const reference = await measure(bareUrl);
    const notes = [`wrk -t1 -c16 -d${seconds}s, median of ${runs}`];
    const nginx = await nginxThroughput(path.join(bench.dataDir, 'store'), `/t/${bench.tenantId}/v/${bench.videoId}/bench/segment.m4s`, seconds, children);
    notes.push(nginx === undefined ? 'nginx not installed' : `nginx ${round(nginx, 0)} MB/s (ours ${round(ours / nginx)}× nginx)`);
    return {
      name: 'edge',
      ours: { label: 'local edge, signed 1 MiB segments (verify + log every response)', value: round(ours, 0), unit: 'MB/s' },
      reference: { label: 'bare Node static file server, same file', value: round(reference, 0), unit: 'MB/s' },
      ratio: round(ours / reference),
      target: '≥ 0.9×',
      met: ours / reference >= 0.9,
      notes,
      command: 'npm run bench -- edge',
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await bench.stop();
  }
};

async function sequence<T>(count: number, run: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let index = 0; index < count; index += 1) results.push(await run());
  return results;
}

/** MB/s (decimal) from wrk's Transfer/sec line. */
async function wrk(url: string, seconds: number): Promise<number> {
  const { stdout } = await run('wrk', ['-t1', '-c16', `-d${seconds}s`, url], { maxBuffer: 1 << 20 });
  const transfer = /Transfer\/sec:\s+([\d.]+)([KMG]B)/.exec(stdout);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  if (non2xx) throw new Error(`wrk got ${non2xx[1]} error responses from ${url}`);
  if (!transfer) throw new Error(`wrk printed no transfer rate:\n${stdout}`);
  const factor = { KB: 1 / 1024, MB: 1, GB: 1024 }[transfer[2] as 'KB' | 'MB' | 'GB'];
  return Number(transfer[1]) * factor * 1.048576;
}

async function waitForHttp(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

async function nginxThroughput(root: string, objectPath: string, seconds: number, children: ChildProcess[]): Promise<number | undefined> {
  const binary = await run('sh', ['-c', 'command -v nginx']).then(
    ({ stdout }) => stdout.trim(),
    () => '',
  );
  if (!binary) return undefined;
  const port = await freePort();
  const dir = path.join(root, '..', 'nginx');
  await mkdir(dir, { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log; daemon off;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${root}; } }\n`,
  );
  const nginx = spawn(binary, ['-c', conf], { stdio: 'ignore' });
  children.push(nginx);
  const url = `http://127.0.0.1:${port}${objectPath}`;
  await waitForHttp(url);
  return wrk(url, seconds);
}
