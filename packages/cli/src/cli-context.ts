// Everything a command needs from the outside world, passed in so that tests and the end-to-end suite can
// run commands in-process against any API, config folder and output streams.
import { UsageError } from './cli-error.js';

/** The part of a writable stream the CLI uses; `isTTY` switches between a redrawn progress bar and plain lines. */
export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface CliContext {
  /** Base URL of the control plane, without a trailing slash; tRPC lives under `${api}/trpc`. */
  api: string;
  /** Folder holding credentials.json and the upload resume state. */
  configDir: string;
  stdout: Output;
  stderr: Output;
  fetch: typeof fetch;
  clock: Clock;
  /** From OTT_PASSWORD, when set. */
  password?: string | undefined;
  /** From OTT_API_KEY: `videos list` and `upload` then call the REST API with it instead of the admin session. */
  apiKey?: string | undefined;
  /** Asks for a password without echo; absent when there is no terminal to ask on. */
  promptPassword?: ((label: string) => Promise<string>) | undefined;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface CliContextInput {
  api: string;
  configDir: string;
  stdout: Output;
  stderr: Output;
  fetch?: typeof fetch;
  clock?: Clock;
  password?: string;
  apiKey?: string;
  promptPassword?: (label: string) => Promise<string>;
}

/** Fills in the real fetch and clock; the entry point and programmatic callers both start here. */
export function createCliContext(input: CliContextInput): CliContext {
  return {
    ...input,
    api: normaliseApiUrl(input.api),
    fetch: input.fetch ?? ((...args) => fetch(...args)),
    clock: input.clock ?? systemClock,
  };
}

/** One spelling per API so that credentials saved for `http://host/` are found for `http://host`. */
export function normaliseApiUrl(api: string): string {
  let url: URL;
  try {
    url = new URL(api);
  } catch {
    throw new UsageError(`--api must be a URL such as http://127.0.0.1:8686 (got "${api}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--api must be an http or https URL (got "${api}")`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
