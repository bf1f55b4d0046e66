// The control plane on ECS Fargate: the API behind an Application Load Balancer, and the job worker (which
// long-polls the transcode-events queue) as a separate service, both from one image. Secrets come from
// Secrets Manager at task start; nothing secret is in the task definition or the Terraform state.
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster/index.js';
import { EcsService, type EcsServiceConfig } from '@cdktf/provider-aws/lib/ecs-service/index.js';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { Lb } from '@cdktf/provider-aws/lib/lb/index.js';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener/index.js';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group/index.js';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../control-plane-permissions.js';
import { API_PORT, type PlatformNetwork } from './platform-network.js';

/** Keys of the JSON secret the operator fills in after the first apply (see README "Deploy to AWS"). */
export const CONTROL_PLANE_SECRET_KEYS = ['DATABASE_URL', 'OTT_MASTER_KEY', 'OTT_AUTH_SECRET'] as const;

/**
 * Where the API listens inside its task. The control plane's default, 127.0.0.1, is unreachable from outside the
 * task, so the load balancer's health check (and every request) would fail: in awsvpc mode the balancer reaches the
 * task's own network interface, at the container port the target group names.
 */
const API_LISTENER = { OTT_API_HOST: '0.0.0.0', OTT_API_PORT: String(API_PORT) };

export interface ControlPlaneServiceProps {
  namePrefix: string;
  region: string;
  image: string;
  network: PlatformNetwork;
  environment: Record<string, string>;
  taskStatements: readonly PolicyStatement[];
  /** The worker's alone (on top of taskStatements): starting the provisioner task. The API never gets them. */
  workerStatements?: readonly PolicyStatement[];
  /** The worker's alone: where the provisioner task runs. */
  workerEnvironment?: Record<string, string>;
  apiTasks: number;
  workerTasks: number;
  certificateArn?: string;
}

export class ControlPlaneService extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly loadBalancer: Lb;
  readonly cluster: EcsCluster;
  readonly taskRole: IamRole;
  readonly workerRole: IamRole;

  constructor(scope: Construct, id: string, props: ControlPlaneServiceProps) {
    super(scope, id);
    const { namePrefix, network } = props;
    this.secret = new SecretsmanagerSecret(this, 'secret', { name: `${namePrefix}/control-plane`, description: `JSON with ${CONTROL_PLANE_SECRET_KEYS.join(', ')}`, recoveryWindowInDays: 7 });
    this.cluster = new EcsCluster(this, 'cluster', { name: namePrefix, setting: [{ name: 'containerInsights', value: 'enabled' }] });
    const logs = new CloudwatchLogGroup(this, 'logs', { name: `/ecs/${namePrefix}`, retentionInDays: 90 });

    const ecsTasks = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const executionRole = new IamRole(this, 'execution-role', { name: `${namePrefix}-execution`, assumeRolePolicy: ecsTasks });
    new IamRolePolicyAttachment(this, 'execution-managed', { role: executionRole.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' });
    new IamRolePolicy(this, 'execution-secret', {
      role: executionRole.name,
      name: 'read-control-plane-secret',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: this.secret.arn }] }),
    });
    // `-task-` in the name: cell accounts trust exactly roles named like this (see CellStack).
    this.taskRole = new IamRole(this, 'task-role', { name: `${namePrefix}-task-control-plane`, assumeRolePolicy: ecsTasks });
    new IamRolePolicy(this, 'task-policy', { role: this.taskRole.name, name: 'control-plane', policy: JSON.stringify({ Version: '2012-10-17', Statement: props.taskStatements }) });
    // The worker has its own role: RunTask with overrides on the provisioner would hand the API the provisioner's power.
    this.workerRole = new IamRole(this, 'worker-role', { name: `${namePrefix}-task-worker`, assumeRolePolicy: ecsTasks });
    new IamRolePolicy(this, 'worker-policy', {
      role: this.workerRole.name,
      name: 'control-plane',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [...props.taskStatements, ...(props.workerStatements ?? [])] }),
    });

    const container = (name: 'api' | 'worker') => ({
      name,
      image: props.image,
      essential: true,
      command: ['node', '--import', 'tsx', `control-plane/src/bin/${name}.ts`],
      environment: Object.entries({ ...props.environment, ...(name === 'api' ? API_LISTENER : (props.workerEnvironment ?? {})) }).map(([key, value]) => ({ name: key, value })),
      secrets: CONTROL_PLANE_SECRET_KEYS.map((key) => ({ name: key, valueFrom: `${this.secret.arn}:${key}::` })),
      portMappings: name === 'api' ? [{ containerPort: API_PORT, protocol: 'tcp' }] : [],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': logs.name, 'awslogs-region': props.region, 'awslogs-stream-prefix': name } },
    });
    const taskDefinition = (name: 'api' | 'worker', cpu: string, memory: string) =>
      new EcsTaskDefinition(this, `${name}-task`, {
        family: `${namePrefix}-${name}`,
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu,
        memory,
        executionRoleArn: executionRole.arn,
        taskRoleArn: (name === 'api' ? this.taskRole : this.workerRole).arn,
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
        containerDefinitions: JSON.stringify([container(name)]),
      });

    this.loadBalancer = new Lb(this, 'alb', {
      name: `${namePrefix}-api`.slice(0, 32),
      loadBalancerType: 'application',
      securityGroups: [network.loadBalancerGroup.id],
      subnets: network.publicSubnets.map((subnet) => subnet.id),
      dropInvalidHeaderFields: true,
    });
    const targets = new LbTargetGroup(this, 'api-targets', {
      name: `${namePrefix}-api`.slice(0, 32),
      port: API_PORT,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: network.vpc.id,
      deregistrationDelay: '30',
      healthCheck: { path: '/healthz', matcher: '200', interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
    });
    if (props.certificateArn) {
      new LbListener(this, 'https', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificateArn: props.certificateArn,
        defaultAction: [{ type: 'forward', targetGroupArn: targets.arn }],
      });
      new LbListener(this, 'http-redirect', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
      });
    } else {
      // Without a certificate the API is reachable over plain HTTP only: fine for a first smoke test, not for production.
      new LbListener(this, 'http', { loadBalancerArn: this.loadBalancer.arn, port: 80, protocol: 'HTTP', defaultAction: [{ type: 'forward', targetGroupArn: targets.arn }] });
    }

    const networkConfiguration = { subnets: network.publicSubnets.map((subnet) => subnet.id), securityGroups: [network.serviceGroup.id], assignPublicIp: true };
    const service = (name: 'api' | 'worker', size: { cpu: string; memory: string }, desiredCount: number, extra: Partial<EcsServiceConfig> = {}) =>
      new EcsService(this, name, {
        name,
        cluster: this.cluster.id,
        taskDefinition: taskDefinition(name, size.cpu, size.memory).arn,
        desiredCount,
        launchType: 'FARGATE',
        networkConfiguration,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        ...extra,
      });
    service('api', { cpu: '1024', memory: '2048' }, props.apiTasks, {
      loadBalancer: [{ targetGroupArn: targets.arn, containerName: 'api', containerPort: API_PORT }],
      healthCheckGracePeriodSeconds: 60,
    });
    // Waiting on MediaConvert is cheap; the worker still probes sources and assembles storyboards with ffmpeg.
    service('worker', { cpu: '2048', memory: '4096' }, props.workerTasks);
  }
}
