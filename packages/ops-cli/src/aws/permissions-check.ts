// Whether each identity that applies a stack may do what the stack needs: iam:SimulatePrincipalPolicy with the actions
// derived from the stacks' resource types (deploy-actions.ts). The simulation evaluates the principal's identity
// policies (and permissions boundary); service control policies of an organization also deny here when they apply.
import { SimulatePrincipalPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { ok, problem, warning, type CheckResult } from '../check-result.js';
import { requiredActions } from './deploy-actions.js';

const CHECK = 'Deploy permissions';
const SHOWN = 12;

export interface SimulationTarget {
  label: string;
  principalArn: string;
  iam: IAMClient;
  resourceTypes: Iterable<string>;
  extraActions?: readonly string[];
}

export async function checkPermissions(target: SimulationTarget): Promise<CheckResult[]> {
  const { actions, unknownTypes } = requiredActions(target.resourceTypes, target.extraActions);
  const results: CheckResult[] = [];
  if (unknownTypes.length > 0) {
    results.push(
      warning(
        CHECK,
        `${target.label}: no permission list for ${unknownTypes.join(', ')}`,
        'Add the resource types to packages/ops-cli/src/aws/deploy-actions.ts so the doctor checks them; until then the first terraform plan is the check.',
      ),
    );
  }
  let denied: string[];
  try {
    denied = await deniedActions(target.iam, target.principalArn, actions);
  } catch (error) {
    return [
      ...results,
      warning(
        CHECK,
        `${target.label}: cannot simulate the policies of ${target.principalArn} (${(error as Error).message})`,
        'Allow iam:SimulatePrincipalPolicy (and iam:GetRole) to this identity, or check its permissions against docs/aws.md by hand.',
      ),
    ];
  }
  if (denied.length === 0) return [...results, ok(CHECK, `${target.label}: ${target.principalArn} may perform all ${actions.length} actions the stacks need`)];
  const shown = denied.slice(0, SHOWN).join(', ') + (denied.length > SHOWN ? ` and ${denied.length - SHOWN} more` : '');
  return [
    ...results,
    problem(CHECK, `${target.label}: ${target.principalArn} is not allowed ${shown}`, `Grant these actions to ${target.principalArn} (or deploy as a role that has them), then run the doctor again.`),
  ];
}

/** Actions whose decision is not `allowed` (implicitDeny or explicitDeny), following IsTruncated/Marker pages. */
async function deniedActions(iam: IAMClient, principalArn: string, actions: string[]): Promise<string[]> {
  const denied: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: principalArn, ActionNames: actions, ...(marker ? { Marker: marker } : {}) }));
    for (const result of page.EvaluationResults ?? []) if (result.EvalDecision !== 'allowed' && result.EvalActionName) denied.push(result.EvalActionName);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return [...new Set(denied)].sort();
}
