// The provisioner's work for one request: synthesise the tenant's stack, then `terraform init` + `apply` (+ `output`)
// or, to offboard, apply it as retiring (bucket force_destroy, pool deletion protection off) and `destroy` it.
// Terraform converges, so a second apply of the same request changes nothing and a retried failed apply finishes the
// work; the S3 lock file (use_lockfile) makes a run wait for another run on the same tenant instead of interleaving.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseTenantOutputs, synthTenantStack, tenantDeployRoleArn, tenantStackProps, type InfraConfig } from '@ott/tenant-infra';
import type { StackRunRequest, StackRunResult, StackRunStep } from './stack-run.js';

const run = promisify(execFile);

/** Longer than a CloudFront distribution takes to deploy or disable, so a second run waits for the first. */
const LOCK_TIMEOUT = '-lock-timeout=30m';
/** Enough of Terraform's error output for the operator; the rest is in the task's log. */
const DETAIL_CHARS = 4000;

export interface TenantStackRunOptions {
  infra: Omit<InfraConfig, 'tenants'>;
  /** Synthesised stacks go to `{workDir}/{tenantId}/`. */
  workDir: string;
  terraformPath: string;
  /** What Terraform runs with (credentials, TF_PLUGIN_CACHE_DIR, PATH); nothing else reaches it. */
  environment: NodeJS.ProcessEnv;
  /**
   * `tenant-deploy-role`: the provisioner task, which enters the cell only through the cell's least-privilege tenant
   * deploy role. `cell-deploy-role`: an operator's machine, entering as the cell's configured deployRoleArn (or as itself).
   */
  enterAs: 'tenant-deploy-role' | 'cell-deploy-role';
  /** The API balancer's secret header value: with it, an attached custom domain also serves the tenant's store. */
  originVerifyValue?: string;
}

export async function runTenantStack(request: StackRunRequest, options: TenantStackRunOptions): Promise<StackRunResult> {
  const { infra } = options;
  const failed = (step: StackRunStep, detail: string): StackRunResult => ({ runId: request.runId, ok: false, step, detail: detail.slice(-DETAIL_CHARS) });
  const cell = infra.cells.find((candidate) => candidate.id === request.cellId);
  if (!cell) return failed('synth', `Cell ${request.cellId} is not in the infrastructure configuration this task was given (OTT_AWS_INFRA_CONFIG).`);
  const deployRoleArn = options.enterAs === 'tenant-deploy-role' ? tenantDeployRoleArn(infra.namePrefix, cell) : cell.deployRoleArn;
  const props = {
    ...tenantStackProps(infra, request.tenant, { ...cell, ...(deployRoleArn ? { deployRoleArn } : {}) }, options.originVerifyValue),
    ...(request.action === 'destroy' ? { retiring: true } : {}),
  };
  let stackDir: string;
  try {
    const outdir = path.join(options.workDir, request.tenant.id);
    await mkdir(outdir, { recursive: true });
    stackDir = synthTenantStack(outdir, props);
  } catch (error) {
    return failed('synth', error instanceof Error ? error.message : String(error));
  }

  const terraform = async (step: StackRunStep, args: string[]): Promise<{ ok: true; stdout: string } | { ok: false; result: StackRunResult }> => {
    try {
      const { stdout } = await run(options.terraformPath, args, { cwd: stackDir, maxBuffer: 64 * 1024 * 1024, env: { ...options.environment, TF_IN_AUTOMATION: '1', TF_INPUT: '0' } });
      return { ok: true, stdout };
    } catch (error) {
      const { stderr, message, code } = error as { stderr?: string; message: string; code?: unknown };
      // No terraform where it was looked for (an operator's machine without it): say what to set, and where the stack is.
      if (code === 'ENOENT')
        return { ok: false, result: failed(step, `no terraform binary at "${options.terraformPath}" (set OTT_TERRAFORM_PATH; Terraform >= 1.10). The synthesised stack is kept at ${stackDir}.`) };
      return { ok: false, result: failed(step, stderr?.trim() || message) };
    }
  };
  const steps: [StackRunStep, string[]][] = [
    ['init', ['init', '-input=false', '-no-color']],
    ['apply', ['apply', '-input=false', '-auto-approve', '-no-color', LOCK_TIMEOUT]],
    ...(request.action === 'destroy' ? [['destroy', ['destroy', '-input=false', '-auto-approve', '-no-color', LOCK_TIMEOUT]] as [StackRunStep, string[]]] : []),
  ];
  for (const [step, args] of steps) {
    const outcome = await terraform(step, args);
    if (!outcome.ok) return outcome.result;
  }
  if (request.action === 'destroy') return { runId: request.runId, ok: true, action: 'destroy' };
  const output = await terraform('output', ['output', '-json', '-no-color']);
  if (!output.ok) return output.result;
  try {
    return { runId: request.runId, ok: true, action: 'apply', outputs: parseTenantOutputs(JSON.parse(output.stdout)) };
  } catch (error) {
    return failed('output', error instanceof Error ? error.message : String(error));
  }
}
