import type { PutResult } from '@ott/upload-client';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/trpc-client.js';
import type { PutPartInput } from './put-part.js';
import { ResumeStore } from './resume-store.js';
import { UploadManager } from './upload-manager.js';

const MiB = 1024 * 1024;

/** The few API calls an upload makes, answered in memory. */
function fakeApi() {
  let videos = 0;
  const completed: string[] = [];
  const api = {
    videos: {
      createUpload: {
        mutate: async ({ size }: { size: number }) => {
          videos += 1;
          return {
            videoId: `v${videos}`,
            partSize: 8 * MiB,
            partCount: Math.max(1, Math.ceil(size / (8 * MiB))),
            parts: [{ partNumber: 1, url: `https://store/v${videos}/1` }],
            urlsExpireAt: new Date(Date.now() + 3_600_000).toISOString(),
          };
        },
      },
      completeUpload: {
        mutate: async ({ videoId }: { videoId: string }) => {
          completed.push(videoId);
          return { videoId, status: 'queued' as const };
        },
      },
    },
  };
  return { api: api as unknown as ApiClient, completed };
}

/** PUTs that wait until the test lets them through. */
function gatedStore() {
  const waiting: { url: string; finish: (result: PutResult) => void }[] = [];
  const put = (input: PutPartInput) =>
    new Promise<PutResult>((resolve) => {
      input.signal.addEventListener('abort', () => resolve({ ok: false, status: undefined, message: 'stopped' }));
      waiting.push({ url: input.url, finish: resolve });
    });
  return { put, waiting };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const storage = () => {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
};

describe('UploadManager', () => {
  it('uploads two files at a time; the others wait their turn, and a stop while waiting sends nothing', async () => {
    const { api, completed } = fakeApi();
    const store = gatedStore();
    const manager = new UploadManager({ api, tenantId: () => 't1', resume: new ResumeStore(storage()), put: store.put, now: () => Date.now(), onVideoChanged: () => undefined });
    manager.add(['a', 'b', 'c', 'd'].map((name) => new File([name], `${name}.mp4`)));
    await tick();
    expect(manager.getItems().map((item) => item.state)).toEqual(['uploading', 'uploading', 'waiting', 'waiting']);
    manager.stop(manager.getItems()[3]?.id ?? '');
    store.waiting.shift()?.finish({ ok: true });
    await tick();
    await tick();
    expect(manager.getItems().map((item) => item.state)).toEqual(['done', 'uploading', 'uploading', 'stopped']);
    for (const put of store.waiting.splice(0)) put.finish({ ok: true });
    await tick();
    await tick();
    expect(manager.getItems().map((item) => item.state)).toEqual(['done', 'done', 'done', 'stopped']);
    expect(completed).toEqual(['v1', 'v2', 'v3']);
  });

  it('drops the uploads of deleted videos, and only those', async () => {
    const { api } = fakeApi();
    const store = gatedStore();
    const manager = new UploadManager({ api, tenantId: () => 't1', resume: new ResumeStore(storage()), put: store.put, now: () => Date.now(), onVideoChanged: () => undefined });
    manager.add(['a', 'b'].map((name) => new File([name], `${name}.mp4`)));
    await tick();
    for (const put of store.waiting.splice(0)) put.finish({ ok: true });
    await tick();
    await tick();
    manager.videosDeleted(['v1']);
    expect(manager.getItems().map((item) => [item.fileName, item.videoId, item.state])).toEqual([['b.mp4', 'v2', 'done']]);
  });
});
