// A request's inputs checked against its route's schemas. Any failure is a 400 that names the field (`body.title`,
// `query.limit`, `params.videoId`), so a caller can fix the request without reading the reference.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { BodyTooLarge, readBody } from '../read-body.js';
import { invalidRequest, RestError } from './rest-errors.js';
import type { RestRoute } from './rest-route.js';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface RestInputs {
  params: unknown;
  query: unknown;
  body: unknown;
  /** The body as sent (empty when the route takes none): part of an idempotent request's fingerprint. */
  rawBody: Buffer;
}

export async function readInputs(route: RestRoute, request: IncomingMessage, pathParams: Record<string, string>, searchParams: URLSearchParams): Promise<RestInputs> {
  const params = parsePart('params', route.params, pathParams);
  const query = parsePart('query', route.query, Object.fromEntries(searchParams));
  if (!route.body) return { params, query, body: undefined, rawBody: Buffer.alloc(0) };
  const rawBody = await readBody(request, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  if (rawBody instanceof BodyTooLarge) throw new RestError(413, 'payload_too_large', rawBody.message, { limitBytes: rawBody.limitBytes });
  return { params, query, body: parsePart('body', route.body, parseJson(rawBody)), rawBody };
}

/** An empty body is an empty object: the schema then names each required field that is missing. */
function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidRequest('body', `The body is not valid JSON (${error instanceof Error ? error.message : 'unreadable'}). Send a JSON object with Content-Type: application/json.`);
  }
}

function parsePart(part: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = [part, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const field = `${at}.${issue.keys[0] ?? ''}`;
    return failWith(field, `Unknown field ${field}: this endpoint does not take it. Remove it (the reference lists the fields each endpoint takes).`);
  }
  return failWith(at, `${at}: ${issue.message}`);
}

function failWith(field: string, message: string): never {
  throw invalidRequest(field, message);
}
