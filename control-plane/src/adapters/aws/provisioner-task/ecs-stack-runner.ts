// Runs a tenant stack in the provisioner task: RunTask with the request in the container's environment, DescribeTasks
// with backoff until the task stops, then the result object the task wrote. ECS API Reference, "RunTask" and
// "DescribeTasks" (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html, API_DescribeTasks.html).
import { DescribeTasksCommand, RunTaskCommand, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import { GetObjectCommand, NoSuchKey, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { PROVISIONER_CONTAINER } from '@ott/tenant-infra';
import { STACK_RUN_DEADLINE_MS, stackRunResultKey, StackRunUnavailableError, type StackRunner, type StackRunRequest, type StackRunResult } from './stack-run.js';

/** RunTask: "A total of 8192 characters are allowed for overrides. This limit includes the JSON formatting characters." */
const OVERRIDES_LIMIT = 8192;

export interface EcsStackRunnerOptions {
  ecs: ECSClient;
  /** Reads results from the state bucket's provisioner-results/ prefix. */
  s3: S3Client;
  resultsBucket: string;
  cluster: string;
  /** Family (latest ACTIVE revision) or family:revision. */
  taskDefinition: string;
  subnets: readonly string[];
  securityGroups: readonly string[];
  /** Polling: first wait, growing by half each time up to the longest. */
  pollMs?: { first: number; longest: number };
  /** Give up waiting after this long (the queue's job expiry is longer, see pg-boss-queue.ts). */
  deadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class EcsStackRunner implements StackRunner {
  constructor(private readonly options: EcsStackRunnerOptions) {}

  async run(request: StackRunRequest): Promise<StackRunResult> {
    const taskArn = await this.start(request);
    const stopped = await this.waitUntilStopped(taskArn);
    const result = await this.readResult(request);
    if (result) return result;
    const container = stopped.containers?.find((candidate) => candidate.name === PROVISIONER_CONTAINER);
    throw new StackRunUnavailableError(
      `Provisioner task ${taskArn} stopped without a result (stop code ${stopped.stopCode ?? 'none'}: ${stopped.stoppedReason ?? 'no reason given'}; ` +
        `container exit code ${container?.exitCode ?? 'none'}${container?.reason ? `, ${container.reason}` : ''}). See its log group /ecs/<prefix>-provisioner.`,
    );
  }

  private async start(request: StackRunRequest): Promise<string> {
    const { options } = this;
    const overrides = { containerOverrides: [{ name: PROVISIONER_CONTAINER, environment: [{ name: 'OTT_PROVISION_REQUEST', value: JSON.stringify(request) }] }] };
    const size = JSON.stringify(overrides).length;
    if (size > OVERRIDES_LIMIT) {
      throw new Error(`The provisioning request of tenant ${request.tenant.id} is ${size} characters; RunTask accepts ${OVERRIDES_LIMIT} in overrides. Shorten its allowed origins list.`);
    }
    const response = await options.ecs.send(
      new RunTaskCommand({
        cluster: options.cluster,
        taskDefinition: options.taskDefinition,
        launchType: 'FARGATE',
        count: 1,
        // Shown in the console and ListTasks: which tenant and run a task works for.
        startedBy: `ott-${request.action}-${request.runId}`.slice(0, 128),
        networkConfiguration: { awsvpcConfiguration: { subnets: [...options.subnets], securityGroups: [...options.securityGroups], assignPublicIp: 'ENABLED' } },
        overrides,
      }),
    );
    const failure = response.failures?.[0];
    // Fargate capacity, a missing cluster or task definition: nothing started, the job's retry tries again
    // ("API failure reasons", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/api_failures_messages.html).
    if (failure || !response.tasks?.[0]?.taskArn) {
      throw new StackRunUnavailableError(
        `RunTask started no provisioner task: ${failure?.reason ?? 'no task returned'}${failure?.detail ? ` (${failure.detail})` : ''}${failure?.arn ? ` [${failure.arn}]` : ''}.`,
      );
    }
    return response.tasks[0].taskArn;
  }

  private async waitUntilStopped(taskArn: string): Promise<Task> {
    const { options } = this;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const now = options.now ?? Date.now;
    const poll = options.pollMs ?? { first: 5_000, longest: 30_000 };
    const deadline = now() + (options.deadlineMs ?? STACK_RUN_DEADLINE_MS);
    let wait = poll.first;
    for (;;) {
      const { tasks, failures } = await options.ecs.send(new DescribeTasksCommand({ cluster: options.cluster, tasks: [taskArn] }));
      const task = tasks?.[0];
      if (task?.lastStatus === 'STOPPED') return task;
      // "Stopped tasks appear in the returned results for at least one hour": a MISSING task is gone, not pending.
      if (!task && failures?.[0]) throw new StackRunUnavailableError(`Provisioner task ${taskArn} cannot be described: ${failures[0].reason ?? 'unknown'}.`);
      if (now() + wait > deadline)
        throw new StackRunUnavailableError(`Provisioner task ${taskArn} is still ${task?.lastStatus ?? 'unknown'} after the deadline; it keeps running, and a retry waits for its lock.`);
      await sleep(wait);
      wait = Math.min(poll.longest, Math.round(wait * 1.5));
    }
  }

  private async readResult(request: StackRunRequest): Promise<StackRunResult | undefined> {
    try {
      const object = await this.options.s3.send(new GetObjectCommand({ Bucket: this.options.resultsBucket, Key: stackRunResultKey(request) }));
      return JSON.parse(await (object.Body?.transformToString() ?? Promise.resolve('null'))) as StackRunResult;
    } catch (error) {
      // The worker may read results but not list the bucket, so S3 answers a missing one 403, not 404 (Amazon S3 API
      // Reference, "GetObject", Permissions: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html).
      if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 403)) return undefined;
      throw error;
    }
  }
}
