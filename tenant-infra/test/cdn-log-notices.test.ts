// The cell's CloudFront log bucket announces every new log object on an SQS queue, and only that: the control plane
// reads egress from the objects it names (control-plane/test/aws/cloudfront-log-notices.test.ts).
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CELL_QUOTAS } from '../src/cells.js';
import { CDN_LOG_NOTICES, CDN_LOG_PREFIX, cdnLogNoticesQueueUrl } from '../src/constructs/cdn-log-bucket.js';
import { controlPlaneStatements } from '../src/control-plane-permissions.js';
import { CellStack } from '../src/stacks/cell-stack.js';
import { TenantStack } from '../src/stacks/tenant-stack.js';
import { tenantStackProps } from '../src/tenant-stack-props.js';
import { PLATFORM_ACCOUNT, cellEmail, infraConfig, only, resources, synth, tenant } from './fixtures.js';

type Json = Record<string, unknown>;
const cell = { id: 'eu-1', accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', email: cellEmail(PLATFORM_ACCOUNT, 'eu-west-1'), quotas: DEFAULT_CELL_QUOTAS, open: true };
const config = infraConfig({ cells: [cell] });
const stack = synth(new CellStack(Testing.app(), 'cell', { cell, namePrefix: 'ott-test', platform: config.platform, state: config.state }));
const queues = resources(stack, 'aws_sqs_queue');
const [noticesId, notices] = Object.entries(queues).find(([, queue]) => queue.name === 'ott-test-cdn-log-notices-eu-1') ?? [];
const [deadId] = Object.entries(queues).find(([, queue]) => queue.name === 'ott-test-dead-cdn-log-notices-eu-1') ?? [];

describe('CDN log notices', () => {
  it('announces every gzip log object CloudFront writes under the prefix the distributions log to, once the queue admits S3', () => {
    const notification = only(stack, 'aws_s3_bucket_notification');
    expect(notification.queue).toEqual([
      { id: 'cloudfront-logs', queue_arn: `\${aws_sqs_queue.${noticesId}.arn}`, events: ['s3:ObjectCreated:*'], filter_prefix: CDN_LOG_PREFIX, filter_suffix: '.gz' },
    ]);
    expect(notification.depends_on).toEqual([expect.stringContaining('aws_sqs_queue_policy.')]);
    // The prefix covers every tenant distribution's logging prefix.
    const tenantStack = synth(new TenantStack(Testing.app(), 'tenant', tenantStackProps(config, tenant(1), cell)));
    const logging = only(tenantStack, 'aws_cloudfront_distribution').logging_config as { prefix: string };
    expect(logging.prefix.startsWith(CDN_LOG_PREFIX)).toBe(true);
  });

  it('lets only S3, for this bucket in this account, send to the queue', () => {
    const policy = JSON.parse(String(only(stack, 'aws_sqs_queue_policy').policy)) as { Statement: Json[] };
    expect(policy.Statement).toEqual([
      {
        Sid: 'LogBucketAnnouncesObjects',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: `\${aws_sqs_queue.${noticesId}.arn}`,
        Condition: { ArnLike: { 'aws:SourceArn': expect.stringMatching(/^\$\{aws_s3_bucket\..+\.arn\}$/) }, StringEquals: { 'aws:SourceAccount': PLATFORM_ACCOUNT } },
      },
    ]);
  });

  it('keeps notices two weeks, hides a taken one for the length of a run, and parks an unreadable one after five tries', () => {
    expect(notices).toMatchObject({ message_retention_seconds: 14 * 86_400, visibility_timeout_seconds: CDN_LOG_NOTICES.visibilityTimeoutSeconds, sqs_managed_sse_enabled: true });
    expect(JSON.parse(String(notices?.redrive_policy))).toEqual({ deadLetterTargetArn: `\${aws_sqs_queue.${deadId}.arn}`, maxReceiveCount: 5 });
    expect(stack.output.cdn_log_notices_queue_url?.value).toBe(`\${aws_sqs_queue.${noticesId}.url}`);
  });

  it('is the queue the control plane reads, and its permission reaches that queue and not the dead letters', () => {
    const url = cdnLogNoticesQueueUrl('ott-test', cell);
    expect(url).toBe(`https://sqs.eu-west-1.amazonaws.com/${PLATFORM_ACCOUNT}/${String(notices?.name)}`);
    const statement = controlPlaneStatements({ namePrefix: 'ott-test', accountId: PLATFORM_ACCOUNT, region: 'eu-west-1' }).find((candidate) => candidate.Sid === 'CdnLogNotices');
    expect(statement?.Action).toEqual(['sqs:ReceiveMessage', 'sqs:DeleteMessage']);
    const pattern = new RegExp(`^${String(statement?.Resource).replaceAll('*', '.*')}$`);
    expect(pattern.test(`arn:aws:sqs:eu-west-1:${PLATFORM_ACCOUNT}:ott-test-cdn-log-notices-eu-1`)).toBe(true);
    expect(pattern.test(`arn:aws:sqs:eu-west-1:${PLATFORM_ACCOUNT}:ott-test-dead-cdn-log-notices-eu-1`)).toBe(false);
  });
});
