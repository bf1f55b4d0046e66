import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessLogRecord } from '../../src/edge/access-log.js';
import { JsonLinesAccessLog } from '../../src/edge/json-lines-access-log.js';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'ott-access-log-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const record = (bytes: number): AccessLogRecord => ({
  time: '2030-01-01T00:00:00.000Z',
  tenantId: 'acme',
  videoId: 'vid-1',
  path: '/t/acme/v/vid-1/720p/segment-00001.m4s',
  status: 206,
  bytes,
  clientIp: '127.0.0.1',
  userAgent: 'test',
  range: 'bytes=0-',
});

async function lines(file: string): Promise<AccessLogRecord[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AccessLogRecord);
}

describe('JsonLinesAccessLog', () => {
  it('buffers records and appends one JSON line each on flush, creating the folder', async () => {
    const file = path.join(folder, 'logs', 'edge.jsonl');
    const log = new JsonLinesAccessLog({ filePath: file, flushIntervalMs: 60_000 });
    log.write(record(1));
    log.write(record(2));
    expect(await lines(file)).toEqual([]);
    await log.flush();
    log.write(record(3));
    await log.close();
    expect(await lines(file)).toEqual([record(1), record(2), record(3)]);
  });

  it('flushes by itself once enough is buffered, and after the interval', async () => {
    const bySize = path.join(folder, 'size.jsonl');
    const sizeLog = new JsonLinesAccessLog({ filePath: bySize, flushIntervalMs: 60_000, maxBufferedBytes: 500 });
    for (let i = 0; i < 3; i++) sizeLog.write(record(i));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await lines(bySize)).length).toBeGreaterThan(0);
    await sizeLog.close();

    const byTime = path.join(folder, 'time.jsonl');
    const timeLog = new JsonLinesAccessLog({ filePath: byTime, flushIntervalMs: 20 });
    timeLog.write(record(7));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await lines(byTime)).toEqual([record(7)]);
    await timeLog.close();
  });

  it('still records what arrives after close', async () => {
    const file = path.join(folder, 'late.jsonl');
    const log = new JsonLinesAccessLog({ filePath: file });
    await log.close();
    log.write(record(9));
    expect(await lines(file)).toEqual([record(9)]);
  });

  it('keeps records when a write fails and writes them once it can', async () => {
    const blocked = path.join(folder, 'not-a-folder');
    await writeFile(blocked, 'a file where the log folder should be');
    const errors: unknown[] = [];
    const log = new JsonLinesAccessLog({ filePath: path.join(blocked, 'edge.jsonl'), onError: (error) => errors.push(error) });
    log.write(record(5));
    await expect(log.flush()).rejects.toThrow();
    await rm(blocked);
    await log.close();
    expect(await lines(path.join(blocked, 'edge.jsonl'))).toEqual([record(5)]);
  });
});
