import { describe, expect, it } from 'vitest';
import { RESUME_KEY, ResumeStore } from './resume-store.js';

function storage(initial?: string) {
  const items = new Map<string, string>(initial === undefined ? [] : [[RESUME_KEY, initial]]);
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

const film = { name: 'film.mp4', size: 1234, lastModified: 1700000000000 };

describe('ResumeStore', () => {
  it('finds the video a file was being uploaded as only for the same name, size and modification time, in the same workspace', () => {
    const store = new ResumeStore(storage());
    store.remember({ tenantId: 't1', ...film, videoId: 'v1' });
    expect(store.find('t1', film)?.videoId).toBe('v1');
    expect(store.find('t1', { ...film, lastModified: film.lastModified + 1 })).toBeUndefined();
    expect(store.find('t1', { ...film, size: 1235 })).toBeUndefined();
    expect(store.find('t2', film)).toBeUndefined();
  });

  it('replaces the entry when the same file starts again, and forgets it by video', () => {
    const store = new ResumeStore(storage());
    store.remember({ tenantId: 't1', ...film, videoId: 'v1' });
    store.remember({ tenantId: 't1', ...film, videoId: 'v2' });
    expect(store.list('t1').map((entry) => entry.videoId)).toEqual(['v2']);
    store.forget('v2');
    expect(store.list('t1')).toEqual([]);
  });

  it('treats unreadable saved state as empty', () => {
    expect(new ResumeStore(storage('{not json')).list('t1')).toEqual([]);
    expect(new ResumeStore(storage(JSON.stringify([{ videoId: 3 }]))).list('t1')).toEqual([]);
  });
});
