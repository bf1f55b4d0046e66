// MediaConvert job state changes → EventBridge rule → SQS queue the worker long-polls (with a dead-letter
// queue for events the worker repeatedly fails to handle). Events forwarded from other cells arrive on this
// same default bus, so one rule serves every cell.
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy/index.js';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy/index.js';
import { Construct } from 'constructs';
import { mediaConvertEventPattern } from '../stacks/transcode-event-pattern.js';

export interface TranscodeEventsProps {
  namePrefix: string;
  /** Accounts of cells outside the platform account, allowed to put events on the platform bus. */
  cellAccountIds: readonly string[];
}

export class TranscodeEvents extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetters: SqsQueue;
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: TranscodeEventsProps) {
    super(scope, id);
    this.deadLetters = new SqsQueue(this, 'dead-letters', { name: `${props.namePrefix}-transcode-events-dlq`, messageRetentionSeconds: 14 * 86_400, sqsManagedSseEnabled: true });
    this.queue = new SqsQueue(this, 'queue', {
      name: `${props.namePrefix}-transcode-events`,
      // Jobs run for hours at most (MediaConvert errors a job after 48 h); four days covers a long outage of the worker.
      messageRetentionSeconds: 4 * 86_400,
      visibilityTimeoutSeconds: 60,
      receiveWaitTimeSeconds: 20,
      sqsManagedSseEnabled: true,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetters.arn, maxReceiveCount: 5 }),
    });
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: `${props.namePrefix}-transcode-events`,
      description: "MediaConvert job state changes of this deployment → the worker's queue",
      eventPattern: JSON.stringify(mediaConvertEventPattern(props.namePrefix)),
    });
    new CloudwatchEventTarget(this, 'target', { rule: this.rule.name, arn: this.queue.arn });
    new SqsQueuePolicy(this, 'queue-policy', {
      queueUrl: this.queue.url,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'EventBridgeDelivers',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: this.queue.arn,
            Condition: { ArnEquals: { 'aws:SourceArn': this.rule.arn } },
          },
        ],
      }),
    });
    if (props.cellAccountIds.length > 0) {
      new CloudwatchEventBusPolicy(this, 'cells-may-forward', {
        eventBusName: 'default',
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'CellsForwardTranscodeEvents',
              Effect: 'Allow',
              Principal: { AWS: props.cellAccountIds.map((account) => `arn:aws:iam::${account}:root`) },
              Action: 'events:PutEvents',
              Resource: '*',
              Condition: { StringEquals: { 'events:source': 'aws.mediaconvert' } },
            },
          ],
        }),
      });
    }
  }
}
