// A stand-in for the terraform binary (none can be installed here): a script that records each call's arguments and
// working folder, prints the outputs an applied tenant stack would give, and fails the step named in FAKE_TF_FAIL.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface FakeTerraform {
  /** Folder to put first on PATH. */
  bin: string;
  calls(): Promise<{ args: string[]; cwd: string }[]>;
}

export async function fakeTerraform(folder: string, outputs: Record<string, string>): Promise<FakeTerraform> {
  const bin = path.join(folder, 'bin');
  await mkdir(bin, { recursive: true });
  const log = path.join(folder, 'terraform-calls.jsonl');
  const json = JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value, type: 'string', sensitive: false }])));
  await writeFile(
    path.join(bin, 'terraform'),
    `#!/bin/sh
printf '{"args":"%s","cwd":"%s"}\\n' "$*" "$PWD" >> '${log}'
if [ -n "$FAKE_TF_FAIL" ] && [ "$1" = "$FAKE_TF_FAIL" ]; then
  echo "Error: creating CloudFront Distribution: TooManyDistributionsAssociatedToKeyGroup: Your request contains more distributions than are allowed" >&2
  exit 1
fi
if [ "$1" = output ]; then echo '${json}'; fi
`,
  );
  await chmod(path.join(bin, 'terraform'), 0o755);
  return {
    bin,
    calls: async () =>
      (await readFile(log, 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const call = JSON.parse(line) as { args: string; cwd: string };
          return { args: call.args.split(' '), cwd: call.cwd };
        }),
  };
}

/** The outputs of an applied tenant stack (names from tenant-infra's TENANT_OUTPUTS). */
export function appliedOutputs(keyPairId: string): Record<string, string> {
  return {
    media_bucket_name: 'ott-test-00000000-0000-4000-8000-000000000001',
    distribution_id: 'E2QWRUHAPOMQZL',
    distribution_domain_name: 'd111111abcdef8.cloudfront.net',
    delivery_domain: 'd111111abcdef8.cloudfront.net',
    key_group_id: '8c5f2a8e-1111-4b5e-9e1a-0123456789ab',
    cloudfront_key_ids: JSON.stringify({ [keyPairId]: 'K2JCJMDEHXQW5F' }),
    viewer_pool_id: 'eu-west-1_aBcDeFgHi',
    viewer_pool_client_id: '1example23456789',
    viewer_pool_domain: 'ott-test-viewers-0000000000004000',
    mediaconvert_role_arn: 'arn:aws:iam::111111111111:role/ott-test-mc-00000000-0000-4000-8000-000000000001',
  };
}
