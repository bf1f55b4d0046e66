// HTTP route for PUTs of multipart upload parts on the local store: the local stand-in for S3's presigned UploadPart.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FsObjectStore, PartTooLargeError, UploadNotFoundError } from './fs-object-store.js';

/** S3's own ceiling for one part. */
const MAX_PART_BYTES = 5 * 1024 ** 3;

export async function handlePartUpload(store: FsObjectStore, request: IncomingMessage, response: ServerResponse, now: Date): Promise<void> {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', 'ETag');
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' }).end();
    return;
  }
  if (request.method !== 'PUT') return reply(response, 405, 'Use PUT to upload a part.');
  const url = new URL(request.url ?? '/', 'http://store');
  const params = url.searchParams;
  const query = {
    key: params.get('key') ?? '',
    uploadId: params.get('uploadId') ?? '',
    partNumber: Number(params.get('partNumber')),
    expires: Number(params.get('expires')),
  };
  if (!query.key || !query.uploadId || !Number.isInteger(query.partNumber) || query.partNumber < 1 || query.partNumber > 10_000) {
    return reply(response, 400, 'The upload URL is incomplete. Ask for new part URLs.');
  }
  const refusal = store.verifyPartUrl(query, params.get('signature') ?? '', now);
  if (refusal) return reply(response, 403, refusal);
  try {
    const part = await store.writePart(query, request, MAX_PART_BYTES);
    response.writeHead(200, { ETag: `"${part.etag}"`, 'Content-Type': 'text/plain' }).end('stored');
  } catch (error) {
    if (error instanceof UploadNotFoundError) return reply(response, 404, error.message);
    if (error instanceof PartTooLargeError) return reply(response, 413, error.message);
    if (request.destroyed) return;
    reply(response, 500, 'The part could not be stored. Retry it.');
  }
}

function reply(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(message);
}
