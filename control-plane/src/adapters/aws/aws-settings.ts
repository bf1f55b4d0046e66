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
  /** Whether this process has AWS credentials: Terraform needs them to apply tenant stacks. */
  hasCredentials: boolean;
  /** The environment Terraform runs in: this process's (env.ts childProcessEnv). */
  terraformEnvironment: NodeJS.ProcessEnv;
  /** Emulators (tests, trials on one machine); unset in production. */
  endpoints?: { s3?: string; cognito?: string; sqs?: string };
}
