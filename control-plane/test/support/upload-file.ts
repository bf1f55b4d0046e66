// Uploads a file the way a client does: createUpload, PUT every part over HTTP, completeUpload.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { createCaller } from '../../src/api/app-router.js';

type Caller = ReturnType<typeof createCaller>;

export async function putPart(url: string, body: Buffer): Promise<Response> {
  return fetch(url, { method: 'PUT', body: new Uint8Array(body), headers: { 'Content-Type': 'application/octet-stream' } });
}

export async function readPart(file: string, partSize: number, partNumber: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const start = (partNumber - 1) * partSize;
    const length = Math.max(0, Math.min(partSize, size - start));
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, start);
    return buffer;
  } finally {
    await handle.close();
  }
}

export async function uploadFile(caller: Caller, file: string, options: { title?: string; accessMode?: 'public' | 'viewers' | 'token'; downloads?: boolean } = {}): Promise<string> {
  const { size } = await stat(file);
  const ticket = await caller.videos.createUpload({ filename: path.basename(file), size, ...options });
  await Promise.all(
    ticket.parts.map(async (part) => {
      const response = await putPart(part.url, await readPart(file, ticket.partSize, part.partNumber));
      if (!response.ok) throw new Error(`part ${part.partNumber}: ${response.status} ${await response.text()}`);
    }),
  );
  await caller.videos.completeUpload({ videoId: ticket.videoId });
  return ticket.videoId;
}
