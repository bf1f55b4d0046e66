// Tests run against real PostgreSQL: the server in DATABASE_URL when set (CI), otherwise an embedded one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import './provided-context.js';

export default async function setup(project: TestProject) {
  const given = project.getProvidedContext().givenDatabaseUrl;
  if (given) {
    project.provide('adminDatabaseUrl', given);
    return;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ott-test-pg-'));
  const postgres = await startEmbeddedPostgres(dataDir);
  project.provide('adminDatabaseUrl', postgres.connectionString);
  return async () => {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
