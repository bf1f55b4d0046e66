// Runs ffmpeg/ffprobe as child processes: stderr kept for error messages, `-progress` turned into
// fractions, and an AbortSignal that really ends the process (callers may delete its output next).
import { spawn } from 'node:child_process';
import { basename } from 'node:path';

const STDERR_TAIL_LINES = 20;

export interface RunToolOptions {
  signal?: AbortSignal;
  /** The tool's working directory: the one folder its relative input paths may name (see source-input.ts). */
  cwd?: string;
  /** When given, stdout is streamed here line by line instead of being collected. */
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
}

export interface ToolResult {
  stdout: string;
  stderrTail: readonly string[];
}

/** The tool ran and failed; the message carries its last stderr lines, which say why. */
export class ToolFailedError extends Error {
  override readonly name = 'ToolFailedError';

  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderrTail: readonly string[],
  ) {
    super(`${basename(command)} failed (exit code ${exitCode ?? 'none'}):\n${stderrTail.join('\n')}`);
  }
}

/** Same shape as the errors Node's own abortable APIs reject with. */
export function abortError(signal: AbortSignal): Error {
  const error = new Error('The operation was aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

export function runTool(command: string, args: readonly string[], options: RunToolOptions = {}): Promise<ToolResult> {
  const { signal, cwd, onStdoutLine, onStderrLine } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
    const stdoutChunks: string[] = [];
    const stderrTail: string[] = [];
    let spawnError: Error | undefined;

    const stdoutLines = lineSplitter((line) => onStdoutLine?.(line));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (onStdoutLine) stdoutLines.push(chunk);
      else stdoutChunks.push(chunk);
    });

    const stderrLines = lineSplitter((line) => {
      if (line.trim() === '') return;
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
      onStderrLine?.(line);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => stderrLines.push(chunk));

    // SIGKILL rather than SIGTERM: ffmpeg finishes the current segment on SIGTERM, and an aborted
    // job's output is thrown away anyway.
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (exitCode) => {
      signal?.removeEventListener('abort', onAbort);
      stdoutLines.end();
      stderrLines.end();
      if (signal?.aborted) reject(abortError(signal));
      else if (spawnError) reject(new Error(`Could not run ${command}: ${spawnError.message}`, { cause: spawnError }));
      else if (exitCode !== 0) reject(new ToolFailedError(command, exitCode, stderrTail));
      else resolve({ stdout: stdoutChunks.join(''), stderrTail });
    });
  });
}

export interface RunFfmpegOptions {
  signal?: AbortSignal;
  cwd?: string;
  /** Expected output duration; progress is the share of it written so far. */
  durationSeconds?: number;
  onProgress?: (fraction: number) => void;
  onStderrLine?: (line: string) => void;
}

/** Runs ffmpeg quietly (errors only) with machine-readable progress on stdout. */
export async function runFfmpeg(ffmpegPath: string, args: readonly string[], options: RunFfmpegOptions = {}): Promise<ToolResult> {
  const { durationSeconds, onProgress, ...rest } = options;
  const progressArgs = ['-progress', 'pipe:1', '-nostats'];
  const onStdoutLine = onProgress && durationSeconds !== undefined && durationSeconds > 0 ? progressLineHandler(durationSeconds, onProgress) : () => undefined;
  return runTool(ffmpegPath, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...progressArgs, ...args], {
    ...rest,
    onStdoutLine,
  });
}

/** `-progress` prints key=value blocks; out_time_us is how far the output has got. */
export function progressLineHandler(durationSeconds: number, onProgress: (fraction: number) => void): (line: string) => void {
  return (line) => {
    const match = /^out_time_us=(\d+)$/.exec(line.trim());
    if (!match?.[1]) return;
    const fraction = Number(match[1]) / 1e6 / durationSeconds;
    onProgress(Math.min(1, Math.max(0, fraction)));
  };
}

function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      const parts = (pending + chunk).split(/\r\n|\r|\n/);
      pending = parts.pop() ?? '';
      for (const part of parts) onLine(part);
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}
