// POST /qoe: the player's QoE reports as `navigator.sendBeacon` sends them — a text/plain body, which is
// what lets a beacon leave a page cross-origin without a CORS preflight (tRPC's HTTP adapter refuses that
// content type). The body goes through the same `qoe.report` procedure: one validation, one rate limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { DomainDeps } from '../domain/deps.js';
import { createCaller } from './app-router.js';
import { createHttpContext, type HttpContextOptions } from './context.js';
import type { QoeReportInput } from './routers/qoe.js';

const MAX_BODY_BYTES = 4096;

export async function handleQoeBeacon(deps: DomainDeps, context: HttpContextOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.setHeader('Access-Control-Allow-Origin', '*');
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' }).end();
    return;
  }
  if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST, OPTIONS', 'Content-Type': 'text/plain' }).end('Use POST.');
  const body = await readBody(request);
  // Closing the connection after the answer spares reading the rest of an oversized body.
  if (body === undefined) return void response.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Report too large.');
  let report: unknown;
  try {
    report = JSON.parse(body);
  } catch {
    return void response.writeHead(400, { 'Content-Type': 'text/plain' }).end('The report is not JSON.');
  }
  try {
    // The procedure validates the shape; a report that is not even an object fails there with a clear message.
    await createCaller(createHttpContext(deps, request, context)).qoe.report(report as QoeReportInput);
    response.writeHead(204).end();
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    response.writeHead(getHTTPStatusCodeFromError(error), { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { message: error.message, code: error.code } }));
  }
}

/** The body as text, or undefined when it exceeds the limit (the rest is left unread). */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length']) > MAX_BODY_BYTES) return resolve(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      request.removeAllListeners('data');
      request.pause();
      resolve(undefined);
    });
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}
