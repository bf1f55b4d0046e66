// PUTs one multipart part straight from a file to its signed URL, streamed: the upload client decides which
// parts, when to retry and when to renew a URL. Shared by the node client's uploadFile and the CLI.
import { createReadStream } from 'node:fs';
import { storeMessage, type PartRange, type PutPart } from '@ott/upload-client';

export function putFilePart(file: string, fetch: typeof globalThis.fetch): PutPart {
  return async ({ url, range, signal, onProgress }) => {
    let sent = 0;
    const count = (bytes: number) => {
      sent += bytes;
      onProgress(sent);
    };
    try {
      const response = await fetch(url, {
        method: 'PUT',
        body: range.length === 0 ? new Uint8Array(0) : readRange(file, range, count),
        // S3 presigned PUTs need the length up front; a streamed body would otherwise go out chunked.
        headers: { 'content-length': String(range.length) },
        duplex: 'half',
        signal,
      });
      const text = await response.text().catch(() => '');
      return response.ok ? { ok: true, etag: response.headers.get('etag') ?? undefined } : { ok: false, status: response.status, message: storeMessage(text) };
    } catch (error) {
      return { ok: false, status: undefined, message: networkMessage(error) };
    }
  };
}

async function* readRange(file: string, range: PartRange, count: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file, { start: range.start, end: range.start + range.length - 1 })) {
    const bytes = chunk as Buffer;
    count(bytes.length);
    yield bytes;
  }
}

function networkMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
