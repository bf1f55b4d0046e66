import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PartUrlPool, sendParts, type PartPlan, type SendPartsOptions } from '@ott/upload-client';
import { describeError } from '../src/report-error.js';
import { putFilePart } from '@ott/node-sdk';
import { startFake, type FakeControlPlane, type FakeOptions } from './helpers/fake-control-plane.js';
import { tempDir } from './helpers/temp-dir.js';

const PART = 64 * 1024;
async function setup(size: number, options: FakeOptions = {}) {
  const server = await startFake({ partSize: PART, ...options });
  const bytes = randomBytes(size);
  const file = path.join(await tempDir(), 'film.mp4');
  await writeFile(file, bytes);
  const plan: PartPlan = { size, partSize: PART, partCount: Math.max(1, Math.ceil(size / PART)) };
  const video = server.addVideo({ id: randomUUID(), status: 'uploading', sourceSize: size, partSize: PART, partCount: plan.partCount });
  const all = Array.from({ length: plan.partCount }, (_, index) => index + 1);
  const renewals: number[][] = [];
  const urls = new PartUrlPool(
    server.signParts(video, all),
    async (partNumbers) => {
      renewals.push(partNumbers);
      return server.signParts(video, partNumbers);
    },
    () => Date.now(),
  );
  return { server, bytes, file, plan, video, all, urls, renewals };
}

/** The upload client sending from the file on disk, as `ott upload` does. */
function uploadParts({ file, ...options }: Omit<SendPartsOptions, 'put'> & { file: string }) {
  return sendParts({ ...options, put: putFilePart(file, fetch) });
}

function attemptsOf(server: FakeControlPlane, partNumber: number): number {
  return server.partPuts.filter((put) => put.partNumber === partNumber).length;
}

describe('sending parts from a file', () => {
  it('retries parts that fail with a 5xx or a dropped connection, and the stored parts add up to the file', async () => {
    const fail500 = { status: 500, message: 'The part could not be stored. Retry it.' };
    const { server, bytes, file, plan, video, all, urls } = await setup(5 * PART + 1234, {
      partFault: (partNumber, attempt) => (attempt === 1 && (partNumber === 2 || partNumber === 5) ? fail500 : attempt === 1 && partNumber === 3 ? 'reset' : undefined),
    });
    const sleeps: number[] = [];
    let progress = 0;
    let lowest = 0;
    const uploaded = await uploadParts({
      file,
      plan,
      partNumbers: all,
      urls,
      concurrency: 3,
      sleep: async (ms) => void sleeps.push(ms),
      onBytes: (delta) => {
        progress += delta;
        lowest = Math.min(lowest, progress);
      },
    });

    expect(server.assembled(video.id).equals(bytes)).toBe(true);
    expect(uploaded.map((part) => part.partNumber)).toEqual(all);
    expect(all.map((partNumber) => attemptsOf(server, partNumber))).toEqual([1, 2, 2, 1, 2, 1]);
    expect(sleeps).toHaveLength(3);
    // Bytes of failed attempts are taken back, so the bar ends at exactly the file size.
    expect(progress).toBe(bytes.length);
    expect(lowest).toBe(0);
    expect(server.partPuts.filter((put) => put.attempt === 1).map((put) => Number(put.contentLength))).toEqual(expect.arrayContaining([PART, PART, 1234]));
  });

  it('gives up on a part after 5 attempts, names it, and stops sending the others', async () => {
    const { server, file, plan, all, urls } = await setup(8 * PART, { partFault: (partNumber) => (partNumber === 1 ? { status: 503, message: 'Slow down' } : undefined) });
    const sleep = vi.fn(async () => {});
    const error = await uploadParts({ file, plan, partNumbers: all, urls, concurrency: 1, sleep }).catch((failure: unknown) => failure);
    expect(describeError(error, 'http://api').message).toBe('part 1 failed 5 times (last: HTTP 503: Slow down)');
    expect(attemptsOf(server, 1)).toBe(5);
    expect(sleep).toHaveBeenCalledTimes(4);
    expect(attemptsOf(server, 2)).toBe(0);
  });

  it('does not retry a part the store refuses for good (4xx)', async () => {
    const { server, file, plan, all, urls } = await setup(2 * PART, { partFault: (partNumber) => (partNumber === 2 ? { status: 413, message: 'Part too large' } : undefined) });
    const error = await uploadParts({ file, plan, partNumbers: all, urls, concurrency: 1, sleep: async () => {} }).catch((failure: unknown) => failure);
    expect(describeError(error, 'http://api').message).toBe('part 2 was refused (HTTP 413: Part too large)');
    expect(attemptsOf(server, 2)).toBe(1);
  });

  it('renews expired part URLs with one partUrls call for the parts still to send', async () => {
    let skew = 0;
    const { server, bytes, file, plan, video, urls, renewals } = await setup(4 * PART, { now: () => Date.now() + skew });
    // The store's clock runs two hours ahead of ours, so it finds URLs expired that we believe valid.
    skew = 2 * 3600_000;
    await uploadParts({ file, plan, partNumbers: [1, 2, 3, 4], urls, concurrency: 2, sleep: async () => {} });
    expect(server.assembled(video.id).equals(bytes)).toBe(true);
    expect(renewals).toEqual([[1, 2, 3, 4]]);
    expect(attemptsOf(server, 1)).toBe(2);
    expect(attemptsOf(server, 3)).toBe(1);
  });

  it('sends only the parts it is given', async () => {
    const { server, file, plan, urls } = await setup(4 * PART);
    await uploadParts({ file, plan, partNumbers: [2, 4], urls, concurrency: 4, sleep: async () => {} });
    expect(server.partPuts.map((put) => put.partNumber).sort()).toEqual([2, 4]);
  });

  it('sends one empty part for an empty file', async () => {
    const { server, file, plan, video, urls } = await setup(0);
    await uploadParts({ file, plan, partNumbers: [1], urls, concurrency: 4, sleep: async () => {} });
    expect(server.partPuts).toEqual([expect.objectContaining({ partNumber: 1, contentLength: '0' })]);
    expect(video.parts.get(1)?.length).toBe(0);
  });
});
