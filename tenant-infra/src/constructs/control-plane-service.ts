// The control plane on ECS Fargate: the API behind an Application Load Balancer, and the job worker (which
// long-polls the transcode-events queue) as a separate service, each from its own image (deploy/images/Containerfile,
// docs/aws-images.md). Secrets come from Secrets Manager at task start; nothing secret is in the task definition or the
// Terraform state: the keys are generated during the apply by an ephemeral resource and written through a write-only
// argument (below).
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
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../control-plane-permissions.js';
import { API_PORT, type PlatformNetwork } from './platform-network.js';

/**
 * Keys of the control plane's JSON secret, each 32 random bytes in base64 (env.ts). The database credentials are not
 * among them: the tasks read those from the secret RDS manages and rotates (DATABASE_SECRET_ARN).
 */
export const CONTROL_PLANE_SECRET_KEYS = ['OTT_MASTER_KEY', 'OTT_AUTH_SECRET'] as const;

/**
 * Write-only arguments need Terraform 1.11 ("Ephemeral values in resources",
 * https://developer.hashicorp.com/terraform/language/resources/ephemeral); ephemeral blocks 1.10.
 */
export const WRITE_ONLY_TERRAFORM = '>= 1.11.0';

/**
 * 43 characters from [A-Za-z0-9] are valid unpadded base64 that decodes to exactly 32 bytes (43 × 6 = 258 bits), the
 * length env.ts requires, with about 254 bits of entropy. GetRandomPassword draws them: the ephemeral
 * aws_secretsmanager_random_password (AWS provider docs, "Ephemeral: aws_secretsmanager_random_password").
 */
const GENERATED_KEY = { password_length: 43, exclude_punctuation: true, include_space: false } as const;

/**
 * Where the API listens inside its task. The control plane's default, 127.0.0.1, is unreachable from outside the
 * task, so the load balancer's health check (and every request) would fail: in awsvpc mode the balancer reaches the
 * task's own network interface, at the container port the target group names.
 */
const API_LISTENER = { OTT_API_HOST: '0.0.0.0', OTT_API_PORT: String(API_PORT) };

/** The targets of deploy/images/Containerfile; one ECR repository holds them all, one tag each. */
export type ControlPlaneImageRole = 'api' | 'worker' | 'provisioner';

/**
 * The image of one role, from the configured `platform.image` (repository and tag of a release): its tag with
 * `-{role}` appended (…/ott-cloud:1.4.0 → …/ott-cloud:1.4.0-api), or `{role}` as the tag when none is given.
 */
export function controlPlaneImage(image: string, role: ControlPlaneImageRole): string {
  const tagged = image.indexOf(':', image.lastIndexOf('/') + 1) >= 0;
  return tagged ? `${image}-${role}` : `${image}:${role}`;
}

/**
 * What each task runs: the bundles `pnpm build` writes (scripts/build-dist.mjs), at the paths the images' CMD names.
 * Stated here as well so that a task definition never depends on an image's default command.
 */
export const CONTROL_PLANE_COMMANDS = {
  api: ['node', '--enable-source-maps', 'control-plane/dist/bin/api.js'],
  worker: ['node', '--enable-source-maps', 'control-plane/dist/bin/worker.js'],
  provisioner: ['node', '--enable-source-maps', 'control-plane/dist/bin/provision-tenant-stack.js'],
} as const;

/**
 * Graviton: the images are built for linux/arm64 (deploy/images/Containerfile), and the task definitions must say so,
 * or Fargate starts them on x86_64 where the image's binaries (node, ffmpeg, terraform) cannot run.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html (runtimePlatform)
 */
export const TASK_RUNTIME_PLATFORM = { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' } as const;

/**
 * The worker's disk. Fargate gives a task 20 GiB unless the task definition asks for 21–200 GiB
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html). Today's worker stages a
 * source through its disk to probe it; 200 GiB, the most Fargate offers, holds a Pro upload (50 GB) several times
 * over, never a 250 GB Enterprise one whole: see docs/aws-images.md.
 */
export const WORKER_EPHEMERAL_STORAGE_GIB = 200;

export interface ControlPlaneServiceProps {
  namePrefix: string;
  region: string;
  /** Repository and tag of the release; each task runs its role's image (controlPlaneImage). */
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
  /** The secret's first value; the services depend on it, so no task starts before its keys exist. */
  readonly secretValue: SecretsmanagerSecretVersion;
  readonly loadBalancer: Lb;
  readonly cluster: EcsCluster;
  readonly taskRole: IamRole;
  readonly workerRole: IamRole;

  constructor(scope: Construct, id: string, props: ControlPlaneServiceProps) {
    super(scope, id);
    const { namePrefix, network } = props;
    this.secret = new SecretsmanagerSecret(this, 'secret', { name: `${namePrefix}/control-plane`, description: `JSON with ${CONTROL_PLANE_SECRET_KEYS.join(', ')}`, recoveryWindowInDays: 7 });
    this.secretValue = generatedSecretValue(this, this.secret);
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
      image: controlPlaneImage(props.image, name),
      essential: true,
      command: [...CONTROL_PLANE_COMMANDS[name]],
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
        runtimePlatform: { ...TASK_RUNTIME_PLATFORM },
        ephemeralStorage: name === 'worker' ? { sizeInGib: WORKER_EPHEMERAL_STORAGE_GIB } : undefined,
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
        dependsOn: [this.secretValue],
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

/**
 * The secret's value, generated during the first apply and never stored: one ephemeral random password per key
 * (cdktf 0.21 has no ephemeral blocks, so they are written into the stack's JSON, where Terraform reads them), joined
 * into JSON in a write-only argument. secret_string_wo_version stays 1: later applies send nothing and never replace
 * the keys (a new OTT_MASTER_KEY would make every encrypted private key unreadable). Rotating a key is an operator
 * step (docs/aws-database.md), not an apply.
 */
function generatedSecretValue(scope: Construct, secret: SecretsmanagerSecret): SecretsmanagerSecretVersion {
  const stack = TerraformStack.of(scope);
  stack.addOverride('terraform.required_version', WRITE_ONLY_TERRAFORM);
  const fields = CONTROL_PLANE_SECRET_KEYS.map((key) => {
    const name = `control_plane_${key.toLowerCase()}`;
    stack.addOverride(`ephemeral.aws_secretsmanager_random_password.${name}`, { ...GENERATED_KEY });
    return `${key} = ephemeral.aws_secretsmanager_random_password.${name}.random_password`;
  });
  return new SecretsmanagerSecretVersion(scope, 'secret-value', {
    secretId: secret.id,
    secretStringWo: `\${jsonencode({ ${fields.join(', ')} })}`,
    secretStringWoVersion: 1,
  });
}
