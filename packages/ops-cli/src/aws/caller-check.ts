// Who is about to deploy: sts:GetCallerIdentity (needs no permission, so it fails only without credentials), compared
// with the platform account in infra.json; and the IAM principal whose policies the permission simulation evaluates.
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { InfraConfig } from '@ott/tenant-infra';
import { ok, problem, warning, type CheckResult } from '../check-result.js';
import type { AwsClients } from './aws-clients.js';

const CHECK = 'AWS credentials';

export interface Caller {
  account: string;
  arn: string;
  /** The IAM user or role to simulate; undefined for the root user and federated users, which cannot be simulated. */
  principalArn: string | undefined;
}

export async function checkCaller(clients: AwsClients, config: InfraConfig): Promise<{ results: CheckResult[]; caller?: Caller }> {
  let identity: { Account?: string; Arn?: string };
  try {
    identity = await clients.sts(config.platform.region).send(new GetCallerIdentityCommand({}));
  } catch (error) {
    return {
      results: [
        problem(
          CHECK,
          `no usable AWS credentials (${(error as Error).message})`,
          `Sign in to the platform account ${config.platform.accountId} (e.g. \`aws sso login --profile <profile>\`, then AWS_PROFILE=<profile>).`,
        ),
      ],
    };
  }
  const account = identity.Account ?? '';
  const arn = identity.Arn ?? '';
  const results: CheckResult[] = [];
  if (account !== config.platform.accountId) {
    results.push(
      problem(
        CHECK,
        `signed in to account ${account} as ${arn}, but infra.json's platform account is ${config.platform.accountId}`,
        `Use a profile for account ${config.platform.accountId}, or correct platform.accountId.`,
      ),
    );
  } else results.push(ok(CHECK, `account ${account} as ${arn}`));
  for (const cell of config.cells.filter((candidate) => !candidate.deployRoleArn && candidate.accountId !== config.platform.accountId)) {
    results.push(
      problem(
        'Cell accounts',
        `cell ${cell.id} is in account ${cell.accountId} but names no deployRoleArn, so Terraform would apply it as ${arn} in account ${account}`,
        `Create a deploy role in account ${cell.accountId} that account ${config.platform.accountId} may assume, and set cells[${cell.id}].deployRoleArn.`,
      ),
    );
  }
  const principalArn = await principalToSimulate(clients, arn);
  if (!principalArn)
    results.push(warning(CHECK, `${arn} is not an IAM user or role`, 'Deploy as an IAM role (not the root user): the root user cannot be limited, and its permissions cannot be simulated.'));
  return { results, caller: { account, arn, principalArn } };
}

/**
 * SimulatePrincipalPolicy takes the ARN of a user, group or role ("PolicySourceArn",
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html), not of an STS session: a session
 * `arn:aws:sts::{account}:assumed-role/{name}/{session}` is simulated as its role, whose ARN (with its path) iam:GetRole gives.
 */
export async function principalToSimulate(clients: AwsClients, arn: string): Promise<string | undefined> {
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  if (session) {
    const [, partition, account, roleName] = session;
    try {
      const role = await clients.iam().send(new GetRoleCommand({ RoleName: roleName }));
      if (role.Role?.Arn) return role.Role.Arn;
    } catch {
      // Without iam:GetRole, the ARN without a path: right for every role created without one.
    }
    return `arn:${partition}:iam::${account}:role/${roleName}`;
  }
  return /^arn:aws[a-z-]*:iam::\d{12}:(user|role)\//.test(arn) ? arn : undefined;
}
