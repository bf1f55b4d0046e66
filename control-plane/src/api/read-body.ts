// The one way the API reads a request body: whole, up to a limit its route sets for its job, counted while it
// streams (a Content-Length is only believed when it says too much; a chunked body declares nothing). No request
// can make the process hold more than its route's limit, whatever it declares or sends, and what is not read is
// never read (closeUnreadBodies).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatBytes } from '@ott/contracts';

/** A body over its route's limit. The route answers 413 with `message`, in its own error shape. */
export class BodyTooLarge {
  readonly message: string;

  constructor(readonly limitBytes: number) {
    this.message = `The request body is larger than ${formatBytes(limitBytes)}, the most this endpoint accepts. Send a smaller one.`;
  }
}

/** The client went away before its body ended: there is nobody left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection before sending its whole request body.');
  }
}

/**
 * The whole body, or BodyTooLarge as soon as it declares or sends more than `limitBytes`. Past the limit nothing
 * more is read; closeUnreadBodies ends the connection once the refusal is sent.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer | BodyTooLarge> {
  if (Number(request.headers['content-length']) > limitBytes) return Promise.resolve(new BodyTooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
      request.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      stop();
      resolve(new BodyTooLarge(limitBytes));
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onGone = () => {
      stop();
      reject(new ClientGoneError());
    };
    request.on('data', onData).once('end', onEnd).once('error', onGone).once('close', onGone);
  });
}

/** How long a client whose body was left unread gets to read the answer before its connection is cut. */
const UNREAD_BODY_GRACE_MS = 2_000;

/**
 * For every request a server takes: a body its route left unread (refused, or sent where none is taken) is not
 * drained, as Node does to keep a connection alive. The connection closes in stages instead (RFC 9112 §9.6): the
 * answer, then the end of what the server sends, then, after a grace that lets the client read the answer, the
 * connection cut. Closing at once would send a reset, which can erase the answer before the client reads it.
 */
export function closeUnreadBodies(request: IncomingMessage, response: ServerResponse): void {
  // Before Node's own 'finish' handling, which drains a body nothing has started reading.
  response.prependOnceListener('finish', () => {
    if (request.complete) return;
    // Node drains the body of a request nobody resumed or read. Resumed and paused again, it is left alone, and its
    // socket stops reading once the request's small buffer is full.
    request.resume().pause();
    const socket = request.socket;
    socket.end();
    setTimeout(() => socket.destroy(), UNREAD_BODY_GRACE_MS).unref();
  });
}
