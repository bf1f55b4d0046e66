// HTTP route for PUTs of multipart upload parts on the local store: the local stand-in for S3's presigned UploadPart.
// Each URL carries its part's signed size, which is also this route's body limit: a larger Content-Length is refused
// before a byte is read, a chunked body at the first byte past it, and the connection is closed rather than drained.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FsObjectStore, PartIncompleteError, PartTooLargeError, UploadNotFoundError } from './fs-object-store.js';

export async function handlePartUpload(store: FsObjectStore, request: IncomingMessage, response: ServerResponse, now: Date): Promise<void> {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', 'ETag');
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' }).end();
    return;
  }
  if (request.method !== 'PUT') return reply(request, response, 405, 'Use PUT to upload a part.');
  const params = new URL(request.url ?? '/', 'http://store').searchParams;
  const query = {
    key: params.get('key') ?? '',
    uploadId: params.get('uploadId') ?? '',
    partNumber: Number(params.get('partNumber')),
    size: Number(params.get('size')),
    expires: Number(params.get('expires')),
  };
  if (!query.key || !query.uploadId || !Number.isInteger(query.partNumber) || query.partNumber < 1 || query.partNumber > 10_000 || !Number.isSafeInteger(query.size) || query.size < 0) {
    return reply(request, response, 400, 'The upload URL is incomplete. Ask for new part URLs.');
  }
  const refusal = store.verifyPartUrl(query, params.get('signature') ?? '', now);
  if (refusal) return reply(request, response, 403, refusal);
  const announced = request.headers['content-length'];
  if (announced !== undefined && Number(announced) !== query.size) {
    const error = Number(announced) > query.size ? new PartTooLargeError(query.size) : new PartIncompleteError(query.size, Number(announced));
    return refuse(request, response, error);
  }
  try {
    const part = await store.writePart(query, request);
    response.writeHead(200, { ETag: `"${part.etag}"`, 'Content-Type': 'text/plain' }).end('stored');
  } catch (error) {
    if (error instanceof UploadNotFoundError || error instanceof PartTooLargeError || error instanceof PartIncompleteError) return refuse(request, response, error);
    if (request.destroyed) return;
    reply(request, response, 500, 'The part could not be stored. Retry it.');
  }
}

function refuse(request: IncomingMessage, response: ServerResponse, error: UploadNotFoundError | PartTooLargeError | PartIncompleteError): void {
  const status = error instanceof UploadNotFoundError ? 404 : error instanceof PartTooLargeError ? 413 : 400;
  reply(request, response, status, error.message);
}

function reply(request: IncomingMessage, response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return void response.end();
  // Only an answer that leaves the body unread says close: closeUnreadBodies (read-body.ts) ends that connection rather
  // than drain it, and Node would still announce keep-alive (upload-limits.test.ts), so a client would send its next
  // part into a closing socket. Every other answer keeps the connection for the next part of a parallel upload.
  const connection = request.complete ? {} : { Connection: 'close' };
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...connection }).end(message);
}
