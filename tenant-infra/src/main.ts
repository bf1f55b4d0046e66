// Entry point of `cdktf synth` (see the root cdktf.json): the platform, every cell, one stack per tenant.
import { App } from 'cdktf';
import { loadDatabaseTenants } from './database-tenants.js';
import { readInfraEnv } from './env.js';
import { InfraConfigError } from './infra-config-error.js';
import { buildOttApp } from './ott-app.js';
import { readInfraConfigFile } from './read-infra-config-file.js';

try {
  const env = readInfraEnv();
  const fileConfig = await readInfraConfigFile(env.configPath);
  const tenants = env.tenantsFrom === 'database' && env.databaseUrl ? await loadDatabaseTenants(env.databaseUrl) : fileConfig.tenants;
  const app = new App();
  const { placements } = buildOttApp(app, { ...fileConfig, tenants });
  app.synth();
  console.error(`Synthesised the platform, ${fileConfig.cells.length} cell(s) and ${placements.length} tenant stack(s).`);
} catch (error) {
  if (!(error instanceof InfraConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
