// Synthesis cost against the number of tenants: each size in fresh processes (synth-tenants.ts), so memory
// and warm-up are each size's own; the median of `runs` processes per size. Used by `pnpm synth-report` and
// by the bench harness (`npm run bench -- synth`).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SynthRun {
  tenants: number;
  importMs: number;
  synthMs: number;
  peakRssMb: number;
}

export interface SynthRow extends SynthRun {
  /** synthMs / (1-tenant synthMs × tenants): 1.0 is linear, below is cheaper per tenant at scale. */
  ratio: number;
  msPerTenant: number;
  /** Cost of each tenant added since the previous size: steady-state growth, without the first tenant's warm-up. */
  marginalMsPerTenant: number | null;
}

export async function measureSynth(sizes: readonly number[], options: { runs?: number; log?: (message: string) => void } = {}): Promise<SynthRow[]> {
  const runs = options.runs ?? 3;
  const measured: SynthRun[] = [];
  for (const tenants of sizes) {
    const samples: SynthRun[] = [];
    for (let i = 0; i < runs; i += 1) {
      // tsx is this package's own dev dependency: resolved from its folder.
      const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join('scripts', 'synth-tenants.ts'), String(tenants)], { cwd: PACKAGE_DIR, maxBuffer: 1024 * 1024 });
      samples.push(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as SynthRun);
    }
    const median = (pick: (sample: SynthRun) => number) => [...samples.map(pick)].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;
    measured.push({ tenants, importMs: median((s) => s.importMs), synthMs: median((s) => s.synthMs), peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)) });
    options.log?.(`${tenants} tenant(s): ${Math.round(measured.at(-1)?.synthMs ?? 0)} ms`);
  }
  const single = measured.find((row) => row.tenants === 1);
  if (!single) throw new Error('measureSynth needs the 1-tenant size: it is the reference of every ratio.');
  return measured.map((row, index) => {
    const previous = measured[index - 1];
    const marginalMsPerTenant = previous ? (row.synthMs - previous.synthMs) / (row.tenants - previous.tenants) : null;
    return { ...row, ratio: row.synthMs / (single.synthMs * row.tenants), msPerTenant: row.synthMs / row.tenants, marginalMsPerTenant };
  });
}

export function synthTable(rows: readonly SynthRow[]): string {
  const header = ['tenants', 'synth wall time', 'per tenant', 'each added tenant', 'peak RSS', 'vs 1-tenant × N', 'imports (excluded)'];
  const body = rows.map((row) => [
    String(row.tenants),
    `${(row.synthMs / 1000).toFixed(2)} s`,
    `${row.msPerTenant.toFixed(0)} ms`,
    row.marginalMsPerTenant === null ? '–' : `${row.marginalMsPerTenant.toFixed(0)} ms`,
    `${row.peakRssMb.toFixed(0)} MB`,
    `${row.ratio.toFixed(2)}×`,
    `${(row.importMs / 1000).toFixed(2)} s`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]?.length ?? 0)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
