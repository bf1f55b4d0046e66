// A fresh database per test file on the run's PostgreSQL (see global-setup.ts): files run in parallel without
// seeing each other.
import { inject } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database.js';
import './provided-context.js';

export type TestDatabase = ScratchDatabase;

export function createTestDatabase(): Promise<TestDatabase> {
  return createScratchDatabase(inject('adminDatabaseUrl'), { prefix: 'ott_test' });
}
