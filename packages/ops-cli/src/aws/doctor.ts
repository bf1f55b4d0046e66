// `ott-ops aws doctor`: everything that can be known about a deploy before the first apply, in the order an operator
// fixes things — Node, the configuration, credentials, each deploying identity's permissions, each cell's quotas,
// global names. Each check reports ok, a warning, or a problem with what to do; the exit code is 1 when any problem.
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { CellFullError, InfraConfigError, type CellConfig } from '@ott/tenant-infra';
import { ok, problem, type CheckResult } from '../check-result.js';
import { checkNodeVersion } from '../node-version-check.js';
import type { AwsClients, AwsCredentials } from './aws-clients.js';
import { checkCaller } from './caller-check.js';
import { STATE_BACKEND_ACTIONS } from './deploy-actions.js';
import { loadDeployTargets, type LoadedConfig } from './deploy-targets.js';
import { checkBucketNames } from './names-check.js';
import { checkPermissions } from './permissions-check.js';
import { checkCellQuotas } from './quotas-check.js';

export interface DoctorInput {
  configPath: string;
  nodeVersion: string;
  nodeRange: string;
  clients: AwsClients;
}

export async function runDoctor(input: DoctorInput): Promise<CheckResult[]> {
  const results: CheckResult[] = [checkNodeVersion(input.nodeVersion, input.nodeRange)];
  let loaded: LoadedConfig;
  try {
    loaded = await loadDeployTargets(input.configPath);
  } catch (error) {
    // The same readable message `cdktf synth` prints (a missing file says how to make it from the example).
    if (error instanceof InfraConfigError || error instanceof CellFullError) {
      return [...results, problem('Configuration', error.message, 'Fix infra.json as the message says, then run the doctor again.')];
    }
    throw error;
  }
  const { config } = loaded;
  results.push(
    ok('Configuration', `${input.configPath}: platform ${config.platform.accountId} (${config.platform.region}), ${config.cells.length} cell(s), ${loaded.tenantStacks} tenant stack(s) placed`),
  );

  const { results: callerResults, caller } = await checkCaller(input.clients, config);
  results.push(...callerResults);
  if (!caller) return results;

  const sessions = new Map<string, AwsCredentials>();
  for (const cell of config.cells.filter((candidate) => candidate.deployRoleArn)) {
    const assumed = await assumeDeployRole(input.clients, cell);
    if ('credentials' in assumed) sessions.set(cell.id, assumed.credentials);
    else results.push(assumed.result);
  }

  for (const target of loaded.targets) {
    if (!target.deployRoleArn) {
      if (caller.principalArn)
        results.push(
          ...(await checkPermissions({ label: target.label, principalArn: caller.principalArn, iam: input.clients.iam(), resourceTypes: target.resourceTypes, extraActions: STATE_BACKEND_ACTIONS })),
        );
      continue;
    }
    const cell = config.cells.find((candidate) => candidate.deployRoleArn === target.deployRoleArn && candidate.accountId === target.accountId);
    const credentials = cell ? sessions.get(cell.id) : undefined;
    if (credentials) results.push(...(await checkPermissions({ label: target.label, principalArn: target.deployRoleArn, iam: input.clients.iam(credentials), resourceTypes: target.resourceTypes })));
  }

  for (const cell of config.cells) {
    if (cell.deployRoleArn && !sessions.has(cell.id)) continue;
    if (!cell.deployRoleArn && cell.accountId !== caller.account) continue;
    results.push(...(await checkCellQuotas(input.clients, cell, sessions.get(cell.id))));
  }

  results.push(...(await checkBucketNames(input.clients, config)));
  return results;
}

async function assumeDeployRole(clients: AwsClients, cell: CellConfig): Promise<{ credentials: AwsCredentials } | { result: CheckResult }> {
  const check = 'Cell deploy roles';
  try {
    const { Credentials } = await clients.sts(cell.region).send(new AssumeRoleCommand({ RoleArn: cell.deployRoleArn, RoleSessionName: 'ott-ops-doctor', DurationSeconds: 900 }));
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
    return { credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, ...(Credentials.SessionToken ? { sessionToken: Credentials.SessionToken } : {}) } };
  } catch (error) {
    return {
      result: problem(
        check,
        `cannot assume ${cell.deployRoleArn} for cell ${cell.id} (${(error as Error).message})`,
        `Create the role in account ${cell.accountId} with a trust policy that lets the deploying account assume it, and allow sts:AssumeRole on it to the deploying identity.`,
      ),
    };
  }
}
