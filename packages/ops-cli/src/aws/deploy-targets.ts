// The configuration as the deploy will meet it: read and validated by tenant-infra's own reader (the same messages
// `cdktf synth` prints), tenants placed, and every stack built in memory (nothing is written) so the doctor knows which
// resource types each account will hold and which identity applies them.
import { App, TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import { buildOttApp, readInfraConfigFile, tenantStackName, type InfraConfig } from '@ott/tenant-infra';

export interface DeployTarget {
  /** e.g. `platform account 111111111111` or `cell eu-2 (account 222222222222)`. */
  label: string;
  accountId: string;
  /** The role Terraform assumes there; absent when the deploying identity applies directly. */
  deployRoleArn?: string;
  resourceTypes: Set<string>;
}

export interface LoadedConfig {
  config: InfraConfig;
  targets: DeployTarget[];
  tenantStacks: number;
}

export async function loadDeployTargets(configPath: string): Promise<LoadedConfig> {
  const config = await readInfraConfigFile(configPath);
  const app = new App({ skipValidation: true });
  const { placements } = buildOttApp(app, config);
  const typesOf = (stackId: string): string[] => {
    const stack = app.node.tryFindChild(stackId);
    if (!(stack instanceof TerraformStack)) return [];
    return stack.node.findAll().flatMap((node) => {
      if (TerraformResource.isTerraformResource(node)) return [node.terraformResourceType];
      if (TerraformDataSource.isTerraformDataSource(node)) return [`data.${node.terraformResourceType}`];
      return [];
    });
  };

  const direct: DeployTarget = { label: `platform account ${config.platform.accountId}`, accountId: config.platform.accountId, resourceTypes: new Set(typesOf('platform')) };
  const targets: DeployTarget[] = [direct];
  for (const cell of config.cells) {
    const stacks = [`cell-${cell.id}`, ...placements.filter((placement) => placement.cellId === cell.id).map((placement) => tenantStackName(placement.tenantId))];
    const types = stacks.flatMap(typesOf);
    if (cell.deployRoleArn) targets.push({ label: `cell ${cell.id} (account ${cell.accountId})`, accountId: cell.accountId, deployRoleArn: cell.deployRoleArn, resourceTypes: new Set(types) });
    else types.forEach((type) => direct.resourceTypes.add(type));
  }
  return { config, targets, tenantStacks: placements.length };
}
