// Edge access-log lines per second into usage events (parse, aggregate per tenant × video × hour, record with
// idempotency keys, advance the cursor), against streaming the same file line by line and doing nothing else.
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { EdgeLogFiles } from '@ott/control-plane/internals/edge-log-files';
import { systemClock } from '@ott/control-plane/internals/composition';
import { ingestEdgeLogs } from '@ott/control-plane/internals/delivery-ingestion';
import { createBenchDatabase } from '../bench-database.js';
import { median, round, timed, type Benchmark } from '../benchmark.js';

export const egressIngest: Benchmark = async (options) => {
  const lineCount = options.quick ? 50_000 : 500_000;
  const runs = options.quick ? 1 : options.runs;
  const ours: number[] = [];
  const reference: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const database = await createBenchDatabase(options.adminDatabaseUrl);
    try {
      const tenants = await database.db
        .insertInto('tenants')
        .values(Array.from({ length: 10 }, (_, index) => ({ slug: `egress-${run}-${index}`, name: `Egress ${index}`, status: 'active' as const, updated_at: new Date() })))
        .returning('id')
        .execute();
      const logsDir = path.join(options.workDir, `egress-${run}`);
      await mkdir(logsDir, { recursive: true });
      const file = path.join(logsDir, 'edge-access.jsonl');
      await writeFile(
        file,
        accessLog(
          lineCount,
          tenants.map((tenant) => tenant.id),
        ),
      );
      const read = await timed(() => streamLines(file));
      const ingested = await timed(() => ingestEdgeLogs({ db: database.db, clock: systemClock }, new EdgeLogFiles(logsDir)));
      if (ingested.value.records !== lineCount || read.value !== lineCount) throw new Error(`ingested ${ingested.value.records} and read ${read.value} of ${lineCount} lines`);
      ours.push(lineCount / ingested.seconds);
      reference.push(lineCount / read.seconds);
    } finally {
      await database.drop();
    }
  }
  const oursRate = median(ours);
  const referenceRate = median(reference);
  return {
    name: 'egress ingest',
    ours: { label: `edge log lines → usage events (${lineCount.toLocaleString('en')} lines, 10 tenants)`, value: round(oursRate, 0), unit: 'lines/s' },
    reference: { label: 'streaming and splitting the same file into lines', value: round(referenceRate, 0), unit: 'lines/s' },
    ratio: round(oursRate / referenceRate),
    target: '≥ 0.5×',
    met: oursRate / referenceRate >= 0.5,
    notes: [`median of ${runs}`],
    command: 'npm run bench -- egress-ingest',
  };
};

async function streamLines(file: string): Promise<number> {
  let lines = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) if (line) lines += 1;
  return lines;
}

/** Lines shaped like the local edge's (see control-plane/src/edge/access-log.ts), spread over tenants, videos and hours. */
function accessLog(count: number, tenantIds: string[]): string {
  const videos = Array.from({ length: 50 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
  const lines: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const tenantId = tenantIds[index % tenantIds.length]!;
    const videoId = videos[index % videos.length]!;
    const time = new Date(Date.UTC(2026, 10, 21, index % 24, index % 60)).toISOString();
    const file = index % 40 === 0 ? 'master.m3u8' : `720p/seg_${String(index % 300).padStart(5, '0')}.m4s`;
    lines.push(JSON.stringify({ time, tenantId, videoId, path: `/t/${tenantId}/v/${videoId}/${file}`, status: 200, bytes: 1_048_576 + (index % 1000), clientIp: '127.0.0.1', userAgent: 'bench' }));
  }
  return `${lines.join('\n')}\n`;
}
