// POST /trpc/playback.authorize, the one call every player makes, without tRPC's fetch adapter: that adapter
// turns each Node request into a WHATWG Request (headers, body stream, AbortSignal.any) and its answer back
// through web streams, which cost about four times the procedure itself. The procedure still runs through
// tRPC (createCaller: input validation, error mapping), and a success is written exactly as the adapter writes
// it. Anything else (batches, streaming, an error to format) goes to the adapter; trpc-route.ts has read the body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlaybackAuthorization } from '@ott/contracts';
import type { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { sharedAuthorizationOf } from '../domain/playback/authorize-playback.js';
import { createCaller } from './app-router.js';
import type { ApiContext } from './context.js';

export const PLAYBACK_AUTHORIZE_PATH = '/trpc/playback.authorize';
/** A video id and a credential of at most 8 KiB, in JSON. */
export const AUTHORIZE_MAX_BODY_BYTES = 16 * 1024;
const SUCCESS_HEADERS = { 'Content-Type': 'application/json', Vary: 'trpc-accept, accept' };

/** Whether this request is the plain, unbatched JSON call the direct route serves (tRPC's own client sends that). */
export function isPlainAuthorizeCall(request: IncomingMessage): boolean {
  return (
    request.method === 'POST' &&
    request.url === PLAYBACK_AUTHORIZE_PATH &&
    (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json') &&
    request.headers['trpc-accept'] === undefined &&
    !(request.headers.accept ?? '').includes('application/jsonl')
  );
}

/** `body` is the request's, read within AUTHORIZE_MAX_BODY_BYTES and also handed to the adapter as `req.body`. */
export async function handlePlaybackAuthorize(request: IncomingMessage, response: ServerResponse, context: ApiContext, body: string, trpc: ReturnType<typeof createHTTPHandler>): Promise<void> {
  const input = parseJson(body);
  if (input !== undefined) {
    const grant = await createCaller(context)
      .playback.authorize(input as Parameters<ReturnType<typeof createCaller>['playback']['authorize']>[0])
      .then(
        (value) => ({ value }),
        () => undefined,
      );
    if (grant) return void response.writeHead(200, SUCCESS_HEADERS).end(serialize(grant.value));
  }
  // Refused or malformed: the adapter answers, with its error shapes and status codes (it runs the procedure again,
  // which has no side effects).
  return trpc(request, response);
}

/**
 * authorizePlayback hands every viewer of one cached row and signature a copy of one shared answer that differs
 * only in its playbackSession: that answer is serialised once, split where the session goes, and each call
 * only adds its own.
 */
const serialized = new WeakMap<object, { head: string; tail: string }>();
const SESSION_FIELD = '"playbackSession":';

function serialize(authorization: PlaybackAuthorization): string {
  const shared = sharedAuthorizationOf(authorization);
  let json = serialized.get(shared);
  if (json === undefined) {
    const text = JSON.stringify({ result: { data: shared } });
    // The field is the answer's last, so its key is the last occurrence (a title quoting it is escaped anyway).
    const at = text.lastIndexOf(SESSION_FIELD) + SESSION_FIELD.length;
    json = { head: text.slice(0, at), tail: text.slice(at + JSON.stringify(shared.playbackSession).length) };
    serialized.set(shared, json);
  }
  return json.head + JSON.stringify(authorization.playbackSession) + json.tail;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
