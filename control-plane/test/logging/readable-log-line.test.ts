// What `npm start` shows a person for each line its processes print.
import { describe, expect, it } from 'vitest';
import { readableLogLine } from '../../src/bin/readable-log-line.js';

const line = (record: Record<string, unknown>) => JSON.stringify({ level: 'info', time: '2026-12-06T19:00:00.000Z', pid: 42, ...record });

describe('readableLogLine', () => {
  it('shows the process and the message, with the fields after it and the level only when it is not info', () => {
    expect(readableLogLine(line({ process: 'api', msg: 'api listening on http://127.0.0.1:8686' }), 'api')).toBe('[api] api listening on http://127.0.0.1:8686');
    expect(readableLogLine(line({ process: 'worker', level: 'warn', job: 'transcode-video', jobId: 'j1', msg: 'job failed; it will be retried' }), 'worker')).toBe(
      '[worker] WARN job failed; it will be retried (job=transcode-video jobId=j1)',
    );
  });

  it("puts an error's stack under its line", () => {
    const shown = readableLogLine(line({ process: 'api', level: 'error', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x.ts:1:1' }, msg: 'api route failed' }), 'api');
    expect(shown).toBe('[api] ERROR api route failed\nError: boom\n    at x.ts:1:1');
  });

  it('shows anything else as it came, under the name of the process that printed it', () => {
    expect(readableLogLine('node:internal/modules/run_main:123', 'edge')).toBe('[edge] node:internal/modules/run_main:123');
    expect(readableLogLine('{"not":"a log line"}', 'edge')).toBe('[edge] {"not":"a log line"}');
  });
});
