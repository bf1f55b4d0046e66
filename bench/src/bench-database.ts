// A fresh, migrated database per benchmark on the run's PostgreSQL, dropped afterwards.
import { createScratchDatabase, type ScratchDatabase } from '@ott/control-plane/internals/scratch-database';

export type BenchDatabase = ScratchDatabase;

export function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  return createScratchDatabase(adminUrl, { prefix: 'ott_bench', poolSize: 20 });
}
