// The table printed at the end, bench/results.json and docs/benchmarks.md.
import { writeFile } from 'node:fs/promises';
import type { BenchmarkResult } from './benchmark.js';
import type { MachineInfo } from './machine.js';

export function table(results: readonly BenchmarkResult[]): string {
  const rows = results.map((result) => [
    result.name,
    `${result.ours.value} ${result.ours.unit}`,
    `${result.reference.value} ${result.reference.unit}`,
    `${result.ratio}×`,
    result.target,
    result.met === undefined ? 'report' : result.met ? 'met' : 'MISSED',
  ]);
  const header = ['benchmark', 'ours', 'reference', 'ratio', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export async function writeReports(results: readonly BenchmarkResult[], machine: MachineInfo, files: { json: string; markdown: string }, limits: string): Promise<void> {
  await writeFile(files.json, `${JSON.stringify({ machine, results }, null, 2)}\n`);
  const markdown = [
    '# Benchmarks',
    '',
    'Each benchmark measures our hot path and a reference in the same run, on the same machine, and reports the ratio.',
    'Numbers are medians of several runs unless a row says otherwise. Reproduce all of them with `npm run bench`,',
    'one with `npm run bench -- <name>` (which updates that row and keeps the others), or a short version with `npm run bench -- --quick`.',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; ${machine.ffmpeg}; PostgreSQL ${machine.postgres}; measured ${machine.date}.`,
    '',
    '| benchmark | ours | reference in the same run | ratio | target | |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (result) =>
        `| ${result.name} | ${result.ours.label}: **${result.ours.value} ${result.ours.unit}** | ${result.reference.label}: ${result.reference.value} ${result.reference.unit} | ${result.ratio}× | ${result.target} | ${result.met === undefined ? 'report' : result.met ? 'met' : '**missed**'} |`,
    ),
    '',
    '## Details',
    '',
    ...results.flatMap((result) => [`- **${result.name}** (\`${result.command}\`): ${result.notes.join('; ')}`]),
    '',
    '## What limits each result',
    '',
    limits.trim(),
    '',
  ].join('\n');
  await writeFile(files.markdown, markdown);
}
