// Global names the deploy will create, asked with s3:HeadBucket before anything is applied: bucket names are global
// across all AWS accounts, so a name someone else holds fails the apply halfway. HeadBucket answers 200 when the bucket
// exists and this identity may use it, 403 when it exists and it may not (another account's, as a rule), 404 when no
// bucket has the name (Amazon S3 API Reference, HeadBucket: https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html).
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { cdnLogBucketName, mediaBucketName, type InfraConfig } from '@ott/tenant-infra';
import { ok, problem, warning, type CheckResult } from '../check-result.js';
import type { AwsClients } from './aws-clients.js';

const CHECK = 'Bucket names';

type BucketState = 'reachable' | 'taken' | 'free' | { unknown: string };

export async function checkBucketNames(clients: AwsClients, config: InfraConfig): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const state = await headBucket(clients, config.state.bucket, config.state.region);
  if (state === 'free') results.push(ok(CHECK, `state bucket ${config.state.bucket} is free (deploy step "Create the state bucket" makes it)`));
  else if (state === 'reachable') results.push(ok(CHECK, `state bucket ${config.state.bucket} exists and this identity can use it`));
  else if (state === 'taken')
    results.push(
      problem(
        CHECK,
        `state bucket ${config.state.bucket} exists but this identity may not use it (another account holds the name, or its policy denies you)`,
        'Choose another state.bucket in infra.json (bucket names are global across all accounts).',
      ),
    );
  else results.push(warning(CHECK, `state bucket ${config.state.bucket}: ${state.unknown}`, 'Check the name with `aws s3api head-bucket --bucket <name>`.'));

  // The names the cell and tenant stacks will create: `{namePrefix}-…`. Our own earlier deploy answers 200 (or 403 from
  // another of our accounts); someone else's answers 403, which is the collision to catch before the first apply.
  const names = [
    ...config.cells.map((cell) => ({ name: cdnLogBucketName(config.namePrefix, cell.id, cell.accountId), region: cell.region })),
    ...config.tenants.map((tenant) => ({ name: mediaBucketName(config.namePrefix, tenant.id), region: tenant.region ?? config.platform.region })),
  ];
  const taken: string[] = [];
  for (const { name, region } of names) {
    const found = await headBucket(clients, name, region);
    if (found === 'taken') taken.push(name);
    else if (typeof found === 'object') results.push(warning(CHECK, `${name}: ${found.unknown}`, 'Check the name with `aws s3api head-bucket --bucket <name>`.'));
  }
  if (taken.length > 0) {
    results.push(
      problem(
        CHECK,
        `${taken.join(', ')} exist${taken.length === 1 ? 's' : ''} and this identity may not use ${taken.length === 1 ? 'it' : 'them'}`,
        `If another account holds them, choose another namePrefix than "${config.namePrefix}" in infra.json; if they are yours in another account, deploy as an identity of that account.`,
      ),
    );
  } else results.push(ok(CHECK, `${names.length} bucket name${names.length === 1 ? '' : 's'} under the prefix "${config.namePrefix}" are free or ours`));
  return results;
}

async function headBucket(clients: AwsClients, Bucket: string, region: string): Promise<BucketState> {
  try {
    await clients.s3(region).send(new HeadBucketCommand({ Bucket }));
    return 'reachable';
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return 'free';
    if (status === 403) return 'taken';
    return { unknown: `HeadBucket answered ${status ?? (error as Error).message}` };
  }
}
