// What the aws shape needs beyond the local shape's configuration, resolved once at start from the environment
// (bin/runtime-config.ts) and handed to createAwsAdapters.
import type { InfraConfig } from '@ott/tenant-infra';

export interface AwsSettings {
  /** The platform's region: the transcode-events queue lives here. */
  region: string;
  namePrefix: string;
  /** SQS queue EventBridge fills with MediaConvert job state changes. */
  eventsQueueUrl: string;
  /** Cells and the Terraform state backend; tenants come from the database, never from here. */
  infra: Omit<InfraConfig, 'tenants'>;
  terraformPath: string;
  /** The environment Terraform runs in when it runs in this process (an operator's machine): this process's. */
  terraformEnvironment: NodeJS.ProcessEnv;
  /** The API balancer's secret header value, for tenant stacks applied in this process (their store paths); see env.ts. */
  originVerifyValue?: string;
  /** Where the worker starts the provisioner task (platform stack); absent, tenant stacks are applied in this process. */
  provisionerTask?: { cluster: string; taskDefinition: string; subnets: string[]; securityGroups: string[] };
  /** Emulators (tests, trials on one machine); unset in production. */
  endpoints?: { s3?: string; cognito?: string; sqs?: string; ecs?: string; ses?: string };
}
