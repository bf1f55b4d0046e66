// Where a stack keeps its Terraform state: the platform's state bucket, one key per stack, S3-native
// locking (Terraform ≥ 1.10 `use_lockfile`) so two applies of the same tenant cannot interleave, while
// applies of different tenants never wait for each other.
import { S3Backend, type TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { Construct } from 'constructs';

export interface StateBackendConfig {
  bucket: string;
  region: string;
  kmsKeyId?: string;
}

export const REQUIRED_TERRAFORM = '>= 1.10.0';

export function useS3State(stack: TerraformStack, state: StateBackendConfig, key: string): void {
  new S3Backend(stack, { bucket: state.bucket, key, region: state.region, encrypt: true, ...(state.kmsKeyId ? { kmsKeyId: state.kmsKeyId } : {}) });
  // cdktf 0.21's S3Backend predates `use_lockfile`; the override writes it into the backend block.
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
  stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM);
}

export interface ProviderTarget {
  region: string;
  accountId: string;
  /** Assumed when the target account is not the one Terraform runs as. */
  deployRoleArn?: string;
  tags: Record<string, string>;
}

/** An AWS provider pinned to one account (allowedAccountIds refuses to apply a cell's stack to the wrong account). */
export function awsProvider(scope: Construct, id: string, target: ProviderTarget, alias?: string): AwsProvider {
  return new AwsProvider(scope, id, {
    region: target.region,
    allowedAccountIds: [target.accountId],
    ...(target.deployRoleArn ? { assumeRole: [{ roleArn: target.deployRoleArn, sessionName: 'ott-cloud-terraform' }] } : {}),
    defaultTags: [{ tags: target.tags }],
    ...(alias ? { alias } : {}),
  });
}
