// One PUT of one part from the file to its signed URL. XMLHttpRequest rather than fetch: only it reports
// upload progress, which the per-file progress bar needs.
import { storeMessage, type PutResult } from '@ott/upload-client';

export interface PutPartInput {
  url: string;
  body: Blob;
  signal: AbortSignal;
  /** Bytes sent so far by this attempt. */
  onProgress: (sentBytes: number) => void;
}

export type PutPart = (input: PutPartInput) => Promise<PutResult>;

export const putPartWithXhr: PutPart = ({ url, body, signal, onProgress }) =>
  new Promise((resolve) => {
    const request = new XMLHttpRequest();
    const onAbort = () => request.abort();
    const settle = (result: PutResult) => {
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    request.open('PUT', url);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => settle(request.status >= 200 && request.status < 300 ? { ok: true } : { ok: false, status: request.status, message: storeMessage(request.responseText) });
    request.onerror = () => settle({ ok: false, status: undefined, message: 'the connection failed' });
    request.ontimeout = () => settle({ ok: false, status: undefined, message: 'the connection timed out' });
    request.onabort = () => settle({ ok: false, status: undefined, message: 'stopped' });
    if (signal.aborted) return settle({ ok: false, status: undefined, message: 'stopped' });
    signal.addEventListener('abort', onAbort);
    request.send(body);
  });
