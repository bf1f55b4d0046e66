// What every tenant of a cell shares: the MediaConvert queue, the HLS cache policies, the CDN log bucket,
// and, when the cell is not where the control plane runs, the forwarding of MediaConvert events to the
// platform's event bus and the role the control plane assumes here.
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { MediaConvertQueue } from '@cdktf/provider-aws/lib/media-convert-queue/index.js';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { Cell } from '../cells.js';
import { CdnLogBucket, cdnLogBucketName } from '../constructs/cdn-log-bucket.js';
import { HlsCachePolicies } from '../constructs/hls-cache-policies.js';
import { TenantDeployRole } from '../constructs/tenant-deploy-role.js';
import { cellControlPlaneRoleName, controlPlaneStatements } from '../control-plane-permissions.js';
import { awsProvider, useS3State, type StateBackendConfig } from '../state-backend.js';
import { mediaConvertEventPattern } from './transcode-event-pattern.js';

export interface CellStackProps {
  cell: Cell;
  namePrefix: string;
  platform: { accountId: string; region: string };
  state: StateBackendConfig;
}

/** Jobs the cell's queue runs at once; the rest wait in it, highest Priority first (control-plane job-priority.ts). */
export const MEDIACONVERT_QUEUE_CONCURRENT_JOBS = 20;

/** The queue all tenants of a cell share; jobs carry the tenant in their tags and user metadata. */
export function mediaConvertQueueName(namePrefix: string, cellId: string): string {
  return `${namePrefix}-${cellId}`;
}

export function mediaConvertQueueArn(namePrefix: string, cell: Pick<Cell, 'id' | 'accountId' | 'region'>): string {
  return `arn:aws:mediaconvert:${cell.region}:${cell.accountId}:queues/${mediaConvertQueueName(namePrefix, cell.id)}`;
}

export class CellStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: CellStackProps) {
    super(scope, id);
    const { cell, namePrefix, platform } = props;
    useS3State(this, props.state, `cells/${cell.id}/terraform.tfstate`);
    awsProvider(this, 'aws', { region: cell.region, accountId: cell.accountId, deployRoleArn: cell.deployRoleArn, tags: { 'ott:managed-by': 'tenant-infra', 'ott:cell': cell.id } });

    const queue = new MediaConvertQueue(this, 'transcode-queue', {
      name: mediaConvertQueueName(namePrefix, cell.id),
      description: `Shared on-demand transcode queue of cell ${cell.id}`,
      pricingPlan: 'ON_DEMAND',
      status: 'ACTIVE',
      // Set, not left to the default: the queue's share of the account's MediaConvert capacity is a decision (the API
      // reference, CreateQueue ConcurrentJobs: bounded by the "Concurrent jobs per on-demand queue" and "… per account"
      // quotas). Above the account's quota the apply fails; docs/aws-transcoding.md says how to check it.
      concurrentJobs: MEDIACONVERT_QUEUE_CONCURRENT_JOBS,
    });
    new HlsCachePolicies(this, 'cache-policies', { namePrefix });
    const logs = new CdnLogBucket(this, 'cdn-logs', { bucketName: cdnLogBucketName(namePrefix, cell.id, cell.accountId), namePrefix, cellId: cell.id, accountId: cell.accountId });
    new TerraformOutput(this, 'mediaconvert_queue_arn', { value: queue.arn });
    new TerraformOutput(this, 'cdn_log_bucket', { value: logs.bucket.bucket });
    new TerraformOutput(this, 'cdn_log_notices_queue_url', { value: logs.notices.url });
    // The provisioner task applies tenant stacks through this role only (docs/aws-provisioning.md).
    const tenantDeploy = new TenantDeployRole(this, 'tenant-deploy', { namePrefix, accountId: cell.accountId, region: cell.region, cellId: cell.id, platformAccountId: platform.accountId });
    new TerraformOutput(this, 'tenant_deploy_role_arn', { value: tenantDeploy.role.arn });

    const isPlatformHome = cell.accountId === platform.accountId && cell.region === platform.region;
    if (isPlatformHome) return;

    // MediaConvert publishes job events on this account's default bus; the worker polls one SQS queue in the
    // platform account, so the events travel to the platform's bus, where the platform stack's rule picks them up.
    const forwarder = new IamRole(this, 'event-forwarder', {
      name: `${namePrefix}-${cell.id}-event-forwarder`.slice(0, 64),
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    const platformBus = `arn:aws:events:${platform.region}:${platform.accountId}:event-bus/default`;
    new IamRolePolicy(this, 'event-forwarder-policy', {
      role: forwarder.name,
      name: 'put-to-platform-bus',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: platformBus }] }),
    });
    const rule = new CloudwatchEventRule(this, 'forward-transcode-events', {
      name: `${namePrefix}-forward-transcode-events`,
      description: 'MediaConvert job state changes → the platform event bus',
      eventPattern: JSON.stringify(mediaConvertEventPattern(namePrefix)),
    });
    new CloudwatchEventTarget(this, 'platform-bus', { rule: rule.name, arn: platformBus, roleArn: forwarder.arn });

    if (cell.accountId !== platform.accountId) {
      const role = new IamRole(this, 'control-plane-role', {
        name: cellControlPlaneRoleName(namePrefix),
        description: "Assumed by the OTT Cloud control plane to manage this cell's tenants",
        maxSessionDuration: 3600,
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${platform.accountId}:root` },
              Action: 'sts:AssumeRole',
              Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${platform.accountId}:role/${namePrefix}-task-*` } },
            },
          ],
        }),
      });
      new IamRolePolicy(this, 'control-plane-policy', {
        role: role.name,
        name: 'control-plane',
        policy: JSON.stringify({ Version: '2012-10-17', Statement: controlPlaneStatements({ namePrefix, accountId: cell.accountId, region: cell.region }) }),
      });
      new TerraformOutput(this, 'control_plane_role_arn', { value: role.arn });
    }
  }
}
