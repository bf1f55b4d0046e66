// What both Stripe endpoints do with a delivery: the body read raw (the signature covers the exact bytes Stripe sent,
// never parsed and re-serialised) within a limit, handed to `receive` to verify and apply. 2xx tells Stripe the event
// is handled (a duplicate or an event we do not use included); 400 a forged or misconfigured delivery; 5xx (a thrown
// error) makes Stripe retry later.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../domain/errors.js';
import { BodyTooLarge, readBody } from './read-body.js';

/** Stripe's events are a few kilobytes; an invoice with many lines stays far below this. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function answerSignedWebhook(
  request: IncomingMessage,
  response: ServerResponse,
  /** Why the endpoint cannot take deliveries on this installation (404), or undefined when it can. */
  notConfigured: string | undefined,
  receive: (body: Buffer, signature: string | undefined) => Promise<object>,
): Promise<void> {
  const json = (status: number, body: unknown) => void response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain' }).end('Use POST.');
  if (notConfigured) return json(404, { error: notConfigured });
  const body = await readBody(request, MAX_BODY_BYTES);
  if (body instanceof BodyTooLarge) return json(413, { error: body.message });
  const signature = request.headers['stripe-signature'];
  try {
    json(200, { received: true, ...(await receive(body, Array.isArray(signature) ? signature[0] : signature)) });
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'unauthenticated') return json(400, { error: error.message });
    throw error;
  }
}
