// One REST API (/v1) request over real HTTP, keeping what a client sees of the answer: status, JSON body, headers.
export interface RestAnswer<Body = Record<string, unknown>> {
  status: number;
  body: Body;
  headers: Headers;
}

export interface RestCallOptions {
  key?: string;
  /** Sent as JSON; a string or Buffer is sent as it is (malformed JSON, oversize bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

export async function rest<Body = Record<string, unknown>>(apiUrl: string, method: string, path: string, options: RestCallOptions = {}): Promise<RestAnswer<Body>> {
  const raw = typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : options.body === undefined ? undefined : JSON.stringify(options.body);
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...(raw !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.key ? { authorization: `Bearer ${options.key}` } : {}), ...options.headers },
    body: raw,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Body, headers: response.headers };
}
