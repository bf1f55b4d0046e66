// A further API server (createApiServer) on a free port, for tests that need several, other dependencies (a clock
// they move) or a trusted proxy in front; and a tRPC call over HTTP that keeps what a client sees of the answer.
import { request } from 'node:http';
import type { Cidr } from '@ott/signing';
import { createApiServer, type ApiServerOptions } from '../../src/api/http-server.js';
import { listen } from '../../src/bin/process-lifecycle.js';
import type { DomainDeps } from '../../src/domain/deps.js';
import type { Clock } from '../../src/ports.js';
import { testLogger } from './test-logger.js';

export interface ExtraApiServer {
  url: string;
  close(): Promise<void>;
}

export async function startApiServer(deps: DomainDeps, trustedProxies: readonly Cidr[] = [], options: Partial<ApiServerOptions> = {}): Promise<ExtraApiServer> {
  const server = createApiServer({ deps, log: testLogger, trustedProxies, ...options });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface TrpcAnswer {
  status: number;
  /** The procedure's answer when it succeeded. */
  data: unknown;
  message: string;
  retryAfterHeader: string | null;
  retryAfterSeconds: number | undefined;
}

/**
 * POSTs one mutation; `forwardedFor` sets X-Forwarded-For as a proxy (or a client pretending to be one) would, and
 * `accessToken` signs the request in as an admin.
 */
export async function postMutation(apiUrl: string, path: string, input: unknown, forwardedFor?: string, accessToken?: string): Promise<TrpcAnswer> {
  const response = await fetch(`${apiUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}), ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string; data?: { retryAfterSeconds?: number } } };
  return {
    status: response.status,
    data: body.result?.data,
    message: body.error?.message ?? '',
    retryAfterHeader: response.headers.get('retry-after'),
    retryAfterSeconds: body.error?.data?.retryAfterSeconds,
  };
}

/** A clock the test moves by hand. */
export function movableClock(): Clock & { advance(ms: number): void } {
  let now = Date.now();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A GET with headers fetch may not set (Host), as a proxy in front of the API would send them. */
export function getWithHeaders(apiUrl: string, pathname: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const api = new URL(apiUrl);
  return new Promise((resolve, reject) => {
    request({ host: api.hostname, port: api.port, path: pathname, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}
