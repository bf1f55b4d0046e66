// Entry point of `cdktf synth` (see the root cdktf.json): the platform, every cell, one stack per tenant.
import { readFile } from 'node:fs/promises';
import { App } from 'cdktf';
import { loadDatabaseTenants } from './database-tenants.js';
import { readInfraEnv } from './env.js';
import { parseInfraConfig } from './infra-config.js';
import { buildOttApp } from './ott-app.js';

const env = readInfraEnv();
const fileConfig = parseInfraConfig(JSON.parse(await readFile(env.configPath, 'utf8')), env.configPath);
const tenants = env.tenantsFrom === 'database' && env.databaseUrl ? await loadDatabaseTenants(env.databaseUrl) : fileConfig.tenants;
const app = new App();
const { placements } = buildOttApp(app, { ...fileConfig, tenants });
app.synth();
console.error(`Synthesised the platform, ${fileConfig.cells.length} cell(s) and ${placements.length} tenant stack(s).`);
