// POST /qoe: the player's QoE reports as `navigator.sendBeacon` sends them — a text/plain body, which is
// what lets a beacon leave a page cross-origin without a CORS preflight (tRPC's HTTP adapter refuses that
// content type). The body goes through the same `qoe.report` procedure: one validation, one rate limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QoeReport } from '@ott/contracts';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { DomainDeps } from '../domain/deps.js';
import { createCaller } from './app-router.js';
import { createHttpContext, type HttpContextOptions } from './context.js';
import { BodyTooLarge, readBody } from './read-body.js';
import { retryAfterHeader } from './trpc.js';

/** A report (qoeReportSchema) is a few hundred bytes of ids and counters; this leaves room for it to grow, and for nothing else. */
const MAX_BODY_BYTES = 4 * 1024;

export async function handleQoeBeacon(deps: DomainDeps, context: HttpContextOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.setHeader('Access-Control-Allow-Origin', '*');
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' }).end();
    return;
  }
  if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST, OPTIONS', 'Content-Type': 'text/plain' }).end('Use POST.');
  const body = await readBody(request, MAX_BODY_BYTES);
  if (body instanceof BodyTooLarge) return void response.writeHead(413, { 'Content-Type': 'text/plain' }).end(body.message);
  let report: unknown;
  try {
    report = JSON.parse(body.toString());
  } catch {
    return void response.writeHead(400, { 'Content-Type': 'text/plain' }).end('The report is not JSON.');
  }
  try {
    // The procedure validates the shape; a report that is not even an object fails there with a clear message.
    await createCaller(createHttpContext(deps, request, context)).qoe.report(report as QoeReport);
    response.writeHead(204).end();
  } catch (error) {
    // Our own failures go to the server's route handler, which logs them and answers 500.
    if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') throw error;
    // A rate limit says when to send again, as it does over tRPC.
    response
      .writeHead(getHTTPStatusCodeFromError(error), { 'Content-Type': 'application/json', ...retryAfterHeader([error]).headers })
      .end(JSON.stringify({ error: { message: error.message, code: error.code } }));
  }
}
