import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as initial from './migrations/0001-initial.js';
import * as branding from './migrations/0002-branding.js';
import * as authHardening from './migrations/0006-auth-hardening.js';

// Migrations are imported statically so they work the same from source (tsx) and from tests.
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-branding': branding,
  '0006-auth-hardening': authHardening,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
}
