// `ott-ops`: the operator's command. `runOps` runs one command line against injected streams, clients and paths
// (tests call it in-process); `main` wires the real process. Exit codes: 0 fine, 1 a check found a problem, 2 usage.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InfraConfigError, readInfraConfigFile, REPO_ROOT } from '@ott/tenant-infra';
import { renderResults } from './check-result.js';
import { awsClients, type AwsClients } from './aws/aws-clients.js';
import { renderDeployPlan } from './aws/deploy-steps.js';
import { runDoctor } from './aws/doctor.js';
import { readOpsEnv } from './env.js';
import { repositoryNodeRange } from './node-version-check.js';

export interface OpsContext {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** infra.json unless --config says otherwise. */
  configPath: string;
  nodeVersion: string;
  clients: AwsClients;
}

export const HELP = `ott-ops: operator commands for the aws shape (your AWS credentials; tenants use \`ott\`).

Usage:
  ott-ops aws doctor [--config <infra.json>]        check Node, infra.json, credentials, permissions, quotas and names
  ott-ops aws deploy-plan [--config <infra.json>]   print the first deploy's steps with this configuration's values

--config defaults to $OTT_INFRA_CONFIG, else infra.json at the repository root.
`;

const EXAMPLE_CONFIG = path.join(REPO_ROOT, 'tenant-infra', 'infra.example.json');

export async function runOps(argv: readonly string[], ctx: OpsContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    ctx.stderr.write(`error: ${(error as Error).message}\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals.join(' ');
  if (values.help || command === '' || command === 'help') {
    (values.help || command === 'help' ? ctx.stdout : ctx.stderr).write(HELP);
    return values.help || command === 'help' ? 0 : 2;
  }
  const configPath = values.config ? path.resolve(values.config) : ctx.configPath;
  if (command === 'aws doctor') {
    const results = await runDoctor({ configPath, nodeVersion: ctx.nodeVersion, nodeRange: await repositoryNodeRange(), clients: ctx.clients });
    ctx.stdout.write(renderResults(results));
    return results.some((result) => result.status === 'problem') ? 1 : 0;
  }
  if (command === 'aws deploy-plan') {
    try {
      ctx.stdout.write(renderDeployPlan(await readInfraConfigFile(configPath)));
    } catch (error) {
      if (!(error instanceof InfraConfigError) || values.config) throw error;
      // Before step 1 there is no infra.json yet: show the plan with the example's values, and say so.
      ctx.stdout.write(renderDeployPlan(await readInfraConfigFile(EXAMPLE_CONFIG), `No ${configPath} yet: the values below come from ${EXAMPLE_CONFIG}.`));
    }
    return 0;
  }
  ctx.stderr.write(`error: unknown command '${command}'\n${HELP}`);
  return 2;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  try {
    return await runOps(argv, { stdout: process.stdout, stderr: process.stderr, configPath: readOpsEnv().infraConfigPath, nodeVersion: process.version, clients: awsClients() });
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
