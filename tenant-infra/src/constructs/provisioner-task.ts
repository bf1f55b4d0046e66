// The provisioner: a one-off Fargate task (no service) the worker starts with RunTask to apply or destroy ONE tenant
// stack. It runs Terraform with its own role, which can touch tenant state and enter the cells' tenant deploy roles and
// nothing else; the internet-facing API can neither start it nor read what it writes (docs/aws-provisioning.md).
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { Construct } from 'constructs';
import { provisionerStatements, type ProvisionerScope } from '../control-plane-permissions.js';
import { CONTROL_PLANE_COMMANDS, TASK_RUNTIME_PLATFORM, controlPlaneImage } from './control-plane-service.js';
import { provisionerRoleName } from './tenant-deploy-role.js';

/** The container RunTask overrides: its request travels in an environment variable of this container. */
export const PROVISIONER_CONTAINER = 'provisioner';

export function provisionerFamily(namePrefix: string): string {
  return `${namePrefix}-provisioner`;
}

export interface ProvisionerTaskProps extends ProvisionerScope {
  region: string;
  /** Repository and tag of the release; the task runs its provisioner image (controlPlaneImage). */
  image: string;
  /** The cells and state backend (no tenants): the task builds each tenant's stack props from it. */
  infraConfigJson: string;
  /** The secret header value tenant distributions send the API's balancer (origin-verify.ts), read at task start. */
  originVerifySecretArn: string;
}

export class ProvisionerTask extends Construct {
  readonly taskDefinition: EcsTaskDefinition;
  readonly taskRole: IamRole;
  readonly executionRole: IamRole;

  constructor(scope: Construct, id: string, props: ProvisionerTaskProps) {
    super(scope, id);
    const { namePrefix } = props;
    const logs = new CloudwatchLogGroup(this, 'logs', { name: `/ecs/${namePrefix}-provisioner`, retentionInDays: 365 });
    const ecsTasks = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    // Its own execution role: of the secrets, it reads only the origin header's value, which tenant distributions send.
    this.executionRole = new IamRole(this, 'execution-role', { name: `${namePrefix}-provisioner-execution`, assumeRolePolicy: ecsTasks });
    new IamRolePolicyAttachment(this, 'execution-managed', { role: this.executionRole.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' });
    new IamRolePolicy(this, 'execution-secret', {
      role: this.executionRole.name,
      name: 'read-origin-verify',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: props.originVerifySecretArn }] }),
    });
    this.taskRole = new IamRole(this, 'task-role', { name: provisionerRoleName(namePrefix), assumeRolePolicy: ecsTasks });
    new IamRolePolicy(this, 'task-policy', { role: this.taskRole.name, name: 'tenant-stacks', policy: JSON.stringify({ Version: '2012-10-17', Statement: provisionerStatements(props) }) });

    this.taskDefinition = new EcsTaskDefinition(this, 'task', {
      family: provisionerFamily(namePrefix),
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      // Terraform and the AWS provider plugin: about 1 GiB resident while planning a tenant stack.
      cpu: '1024',
      memory: '2048',
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      runtimePlatform: { ...TASK_RUNTIME_PLATFORM },
      containerDefinitions: JSON.stringify([
        {
          name: PROVISIONER_CONTAINER,
          image: controlPlaneImage(props.image, 'provisioner'),
          essential: true,
          command: [...CONTROL_PLANE_COMMANDS.provisioner],
          environment: [
            { name: 'OTT_AWS_INFRA_CONFIG', value: props.infraConfigJson },
            { name: 'OTT_AWS_REGION', value: props.region },
          ],
          secrets: [{ name: 'OTT_AWS_ORIGIN_VERIFY', valueFrom: props.originVerifySecretArn }],
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': logs.name, 'awslogs-region': props.region, 'awslogs-stream-prefix': 'provisioner' } },
        },
      ]),
    });
  }
}
