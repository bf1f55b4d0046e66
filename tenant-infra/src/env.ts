// The only reader of process.env in tenant-infra: where the configuration is and where tenants come from.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InfraConfigError } from './infra-config-error.js';

/** The repository root: relative paths in the environment are resolved against it, whatever the cwd. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const envSchema = z.object({
  /** JSON file with the platform, cells, state backend (and tenants, when they come from the file). */
  OTT_INFRA_CONFIG: z.string().default('infra.json'),
  /** `file`: tenants listed in the configuration; `database`: placed tenants in the control plane's database. */
  OTT_INFRA_TENANTS: z.enum(['file', 'database']).default('file'),
  DATABASE_URL: z.string().url().optional(),
});

export interface InfraEnv {
  configPath: string;
  tenantsFrom: 'file' | 'database';
  databaseUrl: string | undefined;
}

export function readInfraEnv(source: NodeJS.ProcessEnv = process.env): InfraEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new InfraConfigError(`Invalid tenant-infra environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const env = parsed.data;
  if (env.OTT_INFRA_TENANTS === 'database' && !env.DATABASE_URL) throw new InfraConfigError("OTT_INFRA_TENANTS=database needs DATABASE_URL (the control plane's database).");
  return { configPath: path.resolve(REPO_ROOT, env.OTT_INFRA_CONFIG), tenantsFrom: env.OTT_INFRA_TENANTS, databaseUrl: env.DATABASE_URL };
}
