// One cell per AWS account. CloudFront names (cache policies, key groups, public keys, response headers policies,
// origin access controls) are unique per account across every region, IAM role names are global per account, and
// CloudFront's quotas are counted per account: two cells in one account would create the same cell-level names
// (the second apply fails on a name the first took) and would each believe they own the account's 10 key groups.
// A second cell in the same account adds no CloudFront capacity, only a region; AWS accounts are the unit that
// quotas grow by, so a new region gets a new account. See docs/cells.md, "One cell per account".
import { cachePolicyNames } from './constructs/delivery-cdn.js';
import { cellControlPlaneRoleName } from './control-plane-permissions.js';

interface CellPlacementInAccount {
  id: string;
  accountId: string;
  region: string;
}

/** One reason per account that holds more than one cell; empty when every cell has its own account. */
export function cellAccountConflicts(namePrefix: string, platformAccountId: string, cells: readonly CellPlacementInAccount[]): string[] {
  const byAccount = new Map<string, CellPlacementInAccount[]>();
  for (const cell of cells) byAccount.set(cell.accountId, [...(byAccount.get(cell.accountId) ?? []), cell]);
  const conflicts: string[] = [];
  for (const [accountId, shared] of byAccount) {
    if (shared.length < 2) continue;
    const policies = cachePolicyNames(namePrefix);
    const names = [`CloudFront cache policies ${policies.playlists} and ${policies.segments}`];
    if (accountId !== platformAccountId) names.push(`IAM role ${cellControlPlaneRoleName(namePrefix)}`);
    conflicts.push(
      `cells ${shared.map((cell) => `${cell.id} (${cell.region})`).join(', ')} are all in account ${accountId}: each would create ${names.join(' and ')}, ` +
        "names AWS allows once per account, and they would share the account's CloudFront quotas (key groups, public keys, distributions) while each counts only its own tenants",
    );
  }
  return conflicts;
}
