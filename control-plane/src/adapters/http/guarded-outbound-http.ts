// OutboundHttp on node:http/https, guarded against server-side request forgery. The host is resolved here (every
// address), the request is refused when ANY of them is not public (public-address.ts), and the connection goes to the
// checked address through a `lookup` that answers only it, so a second resolution (DNS rebinding) cannot swap in a
// private one; the URL's host stays the Host header and the TLS server name. Redirects are followed by hand, each one
// checked again. One deadline covers the whole exchange, and the answer's bytes are capped.
import { lookup as dnsLookup } from 'node:dns/promises';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Cidr } from '@ott/signing';
import type { OutboundHttp, OutboundRefusal, OutboundRequest, OutboundResult } from '../../ports.js';
import { isAllowedAddress } from './public-address.js';

/** Every address a host name resolves to (IPv4 and IPv6); throws when it does not resolve. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export interface GuardedOutboundHttpOptions {
  /** Ranges reachable although not public (OTT_OUTBOUND_ALLOWED_CIDRS); none in production. */
  allowedCidrs?: readonly Cidr[];
  /** Tests inject a resolver; node:dns's lookup (the system's resolver, as every other client uses) otherwise. */
  resolve?: HostResolver;
}

const USER_AGENT = 'OTT-Cloud/1';

class Refused extends Error {
  constructor(
    readonly refusal: OutboundRefusal,
    message: string,
  ) {
    super(message);
  }
}

const systemResolver: HostResolver = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export class GuardedOutboundHttp implements OutboundHttp {
  readonly #allowedCidrs: readonly Cidr[];
  readonly #resolve: HostResolver;

  constructor(options: GuardedOutboundHttpOptions = {}) {
    this.#allowedCidrs = options.allowedCidrs ?? [];
    this.#resolve = options.resolve ?? systemResolver;
  }

  async request(request: OutboundRequest): Promise<OutboundResult> {
    const started = performance.now();
    const elapsedMs = () => Math.round(performance.now() - started);
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The race also ends a resolver that never answers; the signal ends the sockets.
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        deadline.abort();
        reject(new Error('deadline'));
      }, request.timeoutMs);
    });
    try {
      const result = await Promise.race([this.#follow(request, deadline.signal), expired]);
      return { ok: true, ...result, elapsedMs: elapsedMs() };
    } catch (error) {
      if (deadline.signal.aborted) return { ok: false, refusal: 'timeout', message: `no complete answer within ${request.timeoutMs} ms`, elapsedMs: elapsedMs() };
      if (error instanceof Refused) return { ok: false, refusal: error.refusal, message: error.message, elapsedMs: elapsedMs() };
      return { ok: false, refusal: 'connection-failed', message: connectionFailure(error), elapsedMs: elapsedMs() };
    } finally {
      clearTimeout(timer);
    }
  }

  async #follow(request: OutboundRequest, signal: AbortSignal): Promise<{ status: number; headers: Record<string, string>; finalUrl: string; body: Buffer | undefined; bodyBytes: number }> {
    let url = parseUrl(request.url);
    let method = request.method;
    let body = request.body;
    for (let redirects = 0; ; redirects++) {
      const address = await this.#checkedAddress(url.hostname, signal);
      const response = await send(url, address, { method, headers: request.headers ?? {}, body, signal });
      const location = response.headers.location;
      if (isRedirect(response.statusCode) && location !== undefined && request.maxRedirects > 0) {
        response.destroy();
        if (redirects >= request.maxRedirects) throw new Refused('too-many-redirects', `more than ${request.maxRedirects} redirects (the last to ${location})`);
        url = parseUrl(new URL(location, url).toString());
        // As browsers do: 307 and 308 repeat the request as it was, the others continue with a GET.
        if (response.statusCode !== 307 && response.statusCode !== 308) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const read = request.saveBodyTo === undefined ? await readBody(response, request.maxResponseBytes) : await saveBody(response, request.saveBodyTo, request.maxResponseBytes);
      return { status: response.statusCode ?? 0, headers: flatHeaders(response), finalUrl: url.toString(), ...read };
    }
  }

  /** The address to connect to, after every address of the host passed the check. */
  async #checkedAddress(hostname: string, signal: AbortSignal): Promise<string> {
    const literal = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
    let addresses: string[];
    if (isIP(literal) !== 0) addresses = [literal];
    else {
      try {
        addresses = await this.#resolve(literal);
      } catch (error) {
        if (signal.aborted) throw error;
        throw new Refused('dns-failed', `${hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      if (addresses.length === 0) throw new Refused('dns-failed', `${hostname} has no address`);
    }
    const refused = addresses.find((address) => !isAllowedAddress(address, this.#allowedCidrs));
    if (refused !== undefined) {
      const named = refused === literal ? refused : `${hostname} resolves to ${refused}, which`;
      throw new Refused('private-address', `${named} is a private, loopback, link-local or reserved address: only public addresses can be reached`);
    }
    return addresses[0] as string;
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Refused('bad-url', `"${text}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Refused('bad-url', `${url.protocol} URLs are not fetched: use http or https`);
  return url;
}

function isRedirect(status: number | undefined): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function send(url: URL, address: string, options: { method: string; headers: Record<string, string>; body: string | undefined; signal: AbortSignal }): Promise<IncomingMessage> {
  const family = isIP(address);
  // Connects to the checked address whatever the name resolves to now; Node asks with `all` when it races families.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const literalHost = url.hostname.startsWith('[') || isIP(url.hostname) !== 0;
  const requestOptions: RequestOptions & { servername?: string } = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port === '' ? undefined : Number(url.port),
    path: `${url.pathname}${url.search}`,
    method: options.method,
    headers: { 'user-agent': USER_AGENT, ...options.headers, ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) },
    lookup: pinned,
    signal: options.signal,
    // A fresh connection per request: a pooled socket would skip the check for the next request's address.
    agent: false,
    ...(url.protocol === 'https:' && !literalHost ? { servername: url.hostname } : {}),
  };
  return new Promise((resolve, reject) => {
    const outgoing = (url.protocol === 'https:' ? httpsRequest : httpRequest)(requestOptions, resolve);
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<{ body: Buffer; bodyBytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) {
      response.destroy();
      throw new Refused('too-large', `the answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks), bodyBytes: bytes };
}

/** Streams into the file (imports can be gigabytes); a partial file is removed when the exchange fails. */
async function saveBody(response: IncomingMessage, filePath: string, maxBytes: number): Promise<{ body: undefined; bodyBytes: number }> {
  const file = createWriteStream(filePath);
  let bytes = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        response.destroy();
        throw new Refused('too-large', `the answer is larger than ${maxBytes} bytes`);
      }
      if (!file.write(chunk)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return { body: undefined, bodyBytes: bytes };
  } catch (error) {
    file.destroy();
    await rm(filePath, { force: true });
    throw error;
  }
}

function flatHeaders(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function connectionFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ECONNRESET') return 'the connection was reset before a complete answer';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the host cannot be reached';
  if ((code !== undefined && code.startsWith('ERR_TLS')) || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'CERT_HAS_EXPIRED') return `the TLS certificate was not accepted (${code})`;
  return error instanceof Error ? error.message : String(error);
}
