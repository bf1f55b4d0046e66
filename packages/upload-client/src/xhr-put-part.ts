// One PUT of one part from a Blob to its signed URL, in a browser. XMLHttpRequest rather than fetch: only it reports
// upload progress, which progress bars need. The portal and the direct-upload browser bundle both send with it.
import type { PutResult } from './send-parts.js';
import { storeMessage } from './store-message.js';

export interface BlobPut {
  url: string;
  body: Blob;
  signal: AbortSignal;
  /** Bytes sent so far by this attempt. */
  onProgress: (sentBytes: number) => void;
}

export type PutBlob = (input: BlobPut) => Promise<PutResult>;

export const putPartWithXhr: PutBlob = ({ url, body, signal, onProgress }) =>
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
