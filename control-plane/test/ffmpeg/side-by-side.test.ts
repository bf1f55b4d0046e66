import { describe, expect, it } from 'vitest';
import { sideBySide } from '../../src/adapters/local/ffmpeg/side-by-side.js';

function untilAborted(signal: AbortSignal, log: string[]): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => {
      setTimeout(() => {
        log.push('second ended');
        const error = new Error('aborted');
        error.name = 'AbortError';
        reject(error);
      }, 20);
    });
  });
}

describe('sideBySide', () => {
  it('stops the other task when one fails, and rejects with the real failure once both ended', async () => {
    const log: string[] = [];
    const outcome = sideBySide(
      undefined,
      async () => {
        throw new Error('no picture written');
      },
      (signal) => untilAborted(signal, log),
    ).catch((error: unknown) => {
      log.push(`rejected: ${(error as Error).message}`);
    });
    await outcome;
    expect(log).toEqual(['second ended', 'rejected: no picture written']);
  });

  it('returns both results', async () => {
    expect(
      await sideBySide(
        undefined,
        async () => 1,
        async () => 'two',
      ),
    ).toEqual([1, 'two']);
  });
});
