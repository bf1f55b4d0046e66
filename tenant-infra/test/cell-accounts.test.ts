// One cell per AWS account: CloudFront and IAM names are unique per account and CloudFront quotas are per account, so
// a configuration with two cells in one account is refused (at parse and at synth), and a valid one never creates
// the same account-unique name twice.
import { Testing, TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { parseInfraConfig } from '../src/infra-config.js';
import { InfraConfigError } from '../src/infra-config-error.js';
import { buildOttApp } from '../src/ott-app.js';
import { OTHER_ACCOUNT, PLATFORM_ACCOUNT, cellEmail, infraConfig, synth, tenant } from './fixtures.js';

const base = {
  namePrefix: 'ott-test',
  platform: { accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', image: 'example/ott-cloud:test', portalOrigins: ['https://portal.ott.example'] },
  state: { bucket: 'ott-test-state', region: 'eu-west-1' },
};

/** Resource types whose `name` AWS accepts once per account, whatever the region. */
const ACCOUNT_UNIQUE_NAMES = [
  'aws_cloudfront_cache_policy',
  'aws_cloudfront_key_group',
  'aws_cloudfront_public_key',
  'aws_cloudfront_response_headers_policy',
  'aws_cloudfront_origin_access_control',
  'aws_iam_role',
];

describe('one cell per AWS account', () => {
  it('refuses a configuration with two cells in one account, naming the cells, the account and what would collide', () => {
    const twoInOne = {
      ...base,
      cells: [
        { id: 'eu-1', accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', email: cellEmail(PLATFORM_ACCOUNT, 'eu-west-1') },
        { id: 'us-1', accountId: PLATFORM_ACCOUNT, region: 'us-east-1', email: cellEmail(PLATFORM_ACCOUNT, 'us-east-1') },
      ],
    };
    const parse = () => parseInfraConfig(twoInOne, 'infra.json');
    expect(parse).toThrow(InfraConfigError);
    expect(parse).toThrow(
      /^infra\.json: cells eu-1 \(eu-west-1\), us-1 \(us-east-1\) are all in account 111111111111: each would create CloudFront cache policies ott-test-hls-playlists and ott-test-hls-segments/,
    );
    expect(parse).toThrow(/share the account's CloudFront quotas/);
    expect(parse).toThrow(/Give each cell its own AWS account \(one cell per account, see docs\/cells\.md\)\.$/);
  });

  it("names the control plane's IAM role too when the shared account is not the platform's", () => {
    const cells = [
      { id: 'eu-2', accountId: OTHER_ACCOUNT, region: 'eu-west-1', email: cellEmail(OTHER_ACCOUNT, 'eu-west-1') },
      { id: 'us-2', accountId: OTHER_ACCOUNT, region: 'us-east-1', email: cellEmail(OTHER_ACCOUNT, 'us-east-1') },
    ];
    expect(() => parseInfraConfig({ ...base, cells })).toThrow(/account 222222222222: each would create CloudFront cache policies .* and IAM role ott-test-control-plane/);
  });

  it('refuses the same at synth when the configuration was built in code rather than parsed', () => {
    const valid = infraConfig();
    const home = valid.cells[0]!;
    const collide = { ...valid, cells: [home, { ...home, id: 'us-1', region: 'us-east-1' }] };
    expect(() => buildOttApp(Testing.app(), collide)).toThrow(/cells eu-1 \(eu-west-1\), us-1 \(us-east-1\) are all in account 111111111111/);
  });

  it('synthesises every account-unique CloudFront and IAM name at most once per account', () => {
    const cells = [
      { id: 'eu-1', accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', email: cellEmail(PLATFORM_ACCOUNT, 'eu-west-1') },
      { id: 'us-2', accountId: OTHER_ACCOUNT, region: 'us-east-1', email: cellEmail(OTHER_ACCOUNT, 'us-east-1') },
    ];
    const config = infraConfig({ cells: parseInfraConfig({ ...base, cells }).cells, tenants: [tenant(1), tenant(2, { cell: 'us-2' }), tenant(3, { cell: 'us-2' })] });
    const app = Testing.app();
    const plan = buildOttApp(app, config);
    const cellOfTenant = new Map(plan.placements.map((placement) => [`tenant-${placement.tenantId}`, placement.cellId]));
    const accountOfCell = new Map(config.cells.map((cell) => [cell.id, cell.accountId]));
    const accountOf = (stackId: string): string => {
      if (stackId === 'platform') return config.platform.accountId;
      const cellId = stackId.startsWith('cell-') ? stackId.slice('cell-'.length) : cellOfTenant.get(stackId);
      const account = accountOfCell.get(cellId ?? '');
      if (!account) throw new Error(`no account for stack ${stackId}`);
      return account;
    };

    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    let counted = 0;
    for (const stack of app.node.children.filter((child): child is TerraformStack => child instanceof TerraformStack)) {
      const synthesised = synth(stack);
      for (const type of ACCOUNT_UNIQUE_NAMES) {
        for (const resource of Object.values(synthesised.resource[type] ?? {})) {
          const key = `${accountOf(stack.node.id)} ${type} ${String(resource.name)}`;
          const first = seen.get(key);
          if (first) duplicates.push(`${key} (stacks ${first} and ${stack.node.id})`);
          seen.set(key, stack.node.id);
          counted += 1;
        }
      }
    }
    expect(duplicates).toEqual([]);
    // The check saw the cells' cache policies and each tenant's CloudFront resources, not an empty app.
    expect(counted).toBeGreaterThan(3 * 4 + 2 * 2);
  });
});
