// Simulated viewers: each authorises, loads the master playlist and one rendition's playlist, then fetches
// its segments in a loop, like a player with a full buffer. Bounded by viewer count and duration.
export interface ViewerLoadOptions {
  apiUrl: string;
  videoId: string;
  viewers: number;
  durationMs: number;
}

export interface ViewerLoadReport {
  viewers: number;
  seconds: number;
  requests: number;
  errors: number;
  /** Error descriptions, at most ten. */
  errorSamples: string[];
  bytes: number;
  latencyMs: { p50: number; p99: number; max: number };
  authorizeMs: { p50: number; p99: number };
}

export async function runViewerLoad(options: ViewerLoadOptions): Promise<ViewerLoadReport> {
  const started = Date.now();
  const deadline = started + options.durationMs;
  const latencies: number[] = [];
  const authorizeLatencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let bytes = 0;

  const timed = async (url: string, init?: RequestInit): Promise<Response> => {
    const begin = performance.now();
    const response = await fetch(url, init);
    const body = await response.arrayBuffer();
    latencies.push(performance.now() - begin);
    bytes += body.byteLength;
    if (!response.ok) throw new Error(`${response.status} for ${new URL(url).pathname}`);
    return new Response(body, { status: response.status, headers: response.headers });
  };

  const viewer = async (index: number) => {
    try {
      const begin = performance.now();
      const authorize = await timed(`${options.apiUrl}/trpc/playback.authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ videoId: options.videoId }),
      });
      authorizeLatencies.push(performance.now() - begin);
      const grant = ((await authorize.json()) as { result: { data: { signedManifestUrl: string } } }).result.data;
      const master = await (await timed(grant.signedManifestUrl)).text();
      const variants = master.split('\n').filter((line) => line && !line.startsWith('#'));
      const mediaUrl = new URL(variants[index % variants.length]!, grant.signedManifestUrl);
      const media = await (await timed(mediaUrl.toString())).text();
      const segments = media
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => new URL(line, mediaUrl).toString());
      const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(media)?.[1];
      if (init) await timed(new URL(init, mediaUrl).toString());
      for (let next = 0; Date.now() < deadline; next = (next + 1) % segments.length) await timed(segments[next]!);
    } catch (error) {
      errors += 1;
      if (errorSamples.length < 10) errorSamples.push(error instanceof Error ? error.message : String(error));
    }
  };

  await Promise.all(Array.from({ length: options.viewers }, (_, index) => viewer(index)));
  const sorted = [...latencies].sort((a, b) => a - b);
  const sortedAuthorize = [...authorizeLatencies].sort((a, b) => a - b);
  const at = (values: number[], q: number) => Math.round(values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0);
  return {
    viewers: options.viewers,
    seconds: (Date.now() - started) / 1000,
    requests: latencies.length,
    errors,
    errorSamples,
    bytes,
    latencyMs: { p50: at(sorted, 0.5), p99: at(sorted, 0.99), max: Math.round(sorted.at(-1) ?? 0) },
    authorizeMs: { p50: at(sortedAuthorize, 0.5), p99: at(sortedAuthorize, 0.99) },
  };
}
