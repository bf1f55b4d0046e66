// Synthesises one tenant's stack into `outdir` (the control plane's provisioner calls this; it needs no
// cdktf of its own). Returns the folder Terraform runs in.
import path from 'node:path';
import { App } from 'cdktf';
import { tenantStackName } from './naming.js';
import { TenantStack, type TenantStackProps } from './stacks/tenant-stack.js';

export function synthTenantStack(outdir: string, props: TenantStackProps): string {
  const app = new App({ outdir });
  new TenantStack(app, tenantStackName(props.tenantId), props);
  app.synth();
  return path.join(outdir, 'stacks', tenantStackName(props.tenantId));
}
