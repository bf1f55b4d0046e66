// An operator's machine: Terraform runs in this process's environment (the operator's credentials), entering each cell
// as the cell's configured deployRoleArn. The aws shape on ECS never uses this; it starts the provisioner task.
import { runTenantStack, type TenantStackRunOptions } from './run-tenant-stack.js';
import type { StackRunner, StackRunRequest, StackRunResult } from './stack-run.js';

export class InProcessStackRunner implements StackRunner {
  constructor(private readonly options: Omit<TenantStackRunOptions, 'enterAs'>) {}

  run(request: StackRunRequest): Promise<StackRunResult> {
    return runTenantStack(request, { ...this.options, enterAs: 'cell-deploy-role' });
  }
}
