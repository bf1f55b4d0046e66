// What every benchmark returns: our figure, the reference measured in the same run, and their ratio
// expressed so that the target reads naturally ("≤ 1.05×", "≥ 0.9×").
export interface BenchmarkResult {
  name: string;
  ours: { label: string; value: number; unit: string };
  reference: { label: string; value: number; unit: string };
  /** ours / reference. */
  ratio: number;
  target: string;
  /** Undefined when the benchmark only reports. */
  met: boolean | undefined;
  /** Secondary figures: p99, realtime factor, nginx, memory… */
  notes: string[];
  command: string;
}

export interface BenchOptions {
  /** Shorter runs for a quick look; the published numbers come from full runs. */
  quick: boolean;
  runs: number;
  workDir: string;
  adminDatabaseUrl: string;
  log(message: string): void;
}

export type Benchmark = (options: BenchOptions) => Promise<BenchmarkResult>;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

export async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { seconds: (performance.now() - started) / 1000, value };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
