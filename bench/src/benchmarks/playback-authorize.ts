// playback.authorize over HTTP, 64 concurrent connections, against a raw RSA-SHA1 signing loop with a KeyObject
// on one core (the API is one process). The API signs a video's grant once per expiry window and serves
// the cached signature afterwards, so it can outrun signing itself.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import autocannon from 'autocannon';
import { startBenchPlatform } from '../bench-platform.js';
import { round, type Benchmark } from '../benchmark.js';

export const playbackAuthorize: Benchmark = async (options) => {
  const seconds = options.quick ? 5 : 20;
  const bench = await startBenchPlatform(options, 'authorize');
  try {
    const body = JSON.stringify({ videoId: bench.videoId });
    const url = `${bench.platform.apiUrl}/trpc/playback.authorize`;
    await autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 8, duration: 2 });
    const result = await autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 64, duration: seconds });
    const ours = result.requests.average;
    const raw = rawSigningRate(Math.min(seconds, 5));
    return {
      name: 'playback authorise',
      ours: { label: '`playback.authorize` over HTTP, 64 connections', value: round(ours, 0), unit: 'req/s' },
      reference: { label: 'raw `crypto.sign` RSA-SHA1 with a KeyObject, 1 core', value: round(raw, 0), unit: 'sig/s' },
      ratio: round(ours / raw),
      target: '≥ 1.0×, p99 ≤ 25 ms',
      met: ours / raw >= 1 && result.latency.p99 <= 25,
      notes: [`p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`, `errors ${result.errors + result.non2xx}`, `${seconds} s`],
      command: 'npm run bench -- playback-authorize',
    };
  } finally {
    await bench.stop();
  }
};

/** Policies of the same size as ours, a different one each time (nothing to cache). */
function rawSigningRate(seconds: number): number {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  const started = performance.now();
  while (performance.now() < deadline) {
    const policy = `{"Statement":[{"Resource":"http://127.0.0.1:8787/t/00000000-0000-0000-0000-000000000000/v/${count}/*","Condition":{"DateLessThan":{"AWS:EpochTime":${1_800_000_000 + count}}}}]}`;
    sign('sha1', Buffer.from(policy), key);
    count += 1;
  }
  return count / ((performance.now() - started) / 1000);
}
