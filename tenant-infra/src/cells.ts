// Cells: tenants are spread over AWS accounts (one cell per account, in one region) because per-account
// quotas cap how many tenants one account holds. Each tenant takes one CloudFront distribution, one
// key group, one or two public keys (two while its signing key rotates), one response headers policy (its
// CORS origins), one origin access control and one Cognito user pool.
// See docs/cells.md for the reasoning; this module is the arithmetic and the refusal.

export interface CellQuotas {
  /** CloudFront "Web distributions per AWS account" (default 200). */
  distributions: number;
  /** CloudFront "Key groups per AWS account" (default 10): the tightest default by far. */
  keyGroups: number;
  /** CloudFront "Public keys per AWS account" (default 10): with one spare for a rotation, this binds first (9 tenants). */
  publicKeys: number;
  /** CloudFront "Response headers policies per AWS account" (default 20): one per tenant, for its CORS origins. */
  responseHeadersPolicies: number;
  /** CloudFront "Origin access controls per AWS account" (default 100). */
  originAccessControls: number;
  /** Cognito "User pools per Region" (default 1,000). */
  userPools: number;
  /** CloudFront "Distributions associated with the same cache policy" (default 100): every tenant distribution of a cell uses the cell's two cache policies. */
  distributionsPerCachePolicy: number;
}

/**
 * AWS defaults, with their sources and the date they were read in docs/cells.md ("Quotas, as AWS publishes them").
 * CloudFront's are per account (a cell is one account: cell-account-conflicts.ts); Cognito's per account and region.
 * A cell whose quotas were raised says so in its configuration.
 */
export const DEFAULT_CELL_QUOTAS: CellQuotas = {
  distributions: 200,
  keyGroups: 10,
  publicKeys: 10,
  responseHeadersPolicies: 20,
  originAccessControls: 100,
  userPools: 1000,
  distributionsPerCachePolicy: 100,
};

export interface Cell {
  id: string;
  accountId: string;
  region: string;
  /** The role Terraform assumes in the cell's account; absent when the cell is the deploying account. */
  deployRoleArn?: string;
  quotas: CellQuotas;
  /** Closed cells keep their tenants but take no new ones (draining, or reserved). */
  open: boolean;
}

/** What the platform itself holds in a cell's account (e.g. the admin pool), besides tenants. */
export interface CellReservations {
  distributions: number;
  keyGroups: number;
  publicKeys: number;
  userPools: number;
}

export interface CellUsage {
  tenants: number;
  /** Public keys in use: a rotating tenant holds two. */
  publicKeys: number;
}

const PER_TENANT = { distributions: 1, keyGroups: 1, userPools: 1 } as const;
/** One spare public key per cell, so any one tenant can rotate its signing key at any time. */
const ROTATION_HEADROOM_KEYS = 1;

export class CellFullError extends Error {
  constructor(
    readonly tenantId: string,
    readonly reasons: readonly string[],
  ) {
    super(
      `No cell can take tenant ${tenantId}: ${reasons.join('; ')}. ` +
        'Raise the quota named above in Service Quotas (then update the cell\'s "quotas"), or add a cell (a new account) to the infrastructure configuration.',
    );
    this.name = 'CellFullError';
  }
}

/** Why `cell` cannot take one more tenant with `keys` public keys; undefined when it can. */
export function cellRefusal(cell: Cell, usage: CellUsage, keys: number, reserved: CellReservations = NO_RESERVATIONS): string | undefined {
  const where = `cell ${cell.id} (account ${cell.accountId}, ${cell.region})`;
  if (!cell.open) return `${where} is closed to new tenants`;
  const checks: [string, number, number][] = [
    ["CloudFront 'Key groups per AWS account'", reserved.keyGroups + (usage.tenants + PER_TENANT.keyGroups), cell.quotas.keyGroups],
    ["CloudFront 'Web distributions per AWS account'", reserved.distributions + usage.tenants + PER_TENANT.distributions, cell.quotas.distributions],
    ["CloudFront 'Public keys per AWS account'", reserved.publicKeys + usage.publicKeys + keys + ROTATION_HEADROOM_KEYS, cell.quotas.publicKeys],
    ["CloudFront 'Response headers policies per AWS account'", usage.tenants + 1, cell.quotas.responseHeadersPolicies],
    ["CloudFront 'Origin access controls per AWS account'", usage.tenants + 1, cell.quotas.originAccessControls],
    ["Cognito 'User pools per Region'", reserved.userPools + usage.tenants + PER_TENANT.userPools, cell.quotas.userPools],
    // Raising the key-group and key quotas makes the cell's shared cache policies the next wall, at 100 tenants.
    ["CloudFront 'Distributions associated with the same cache policy'", usage.tenants + PER_TENANT.distributions, cell.quotas.distributionsPerCachePolicy],
  ];
  const full = checks.filter(([, needed, quota]) => needed > quota);
  if (full.length === 0) return undefined;
  return `${where} is full: ${full.map(([name, needed, quota]) => `${name} would need ${needed} of ${quota}`).join(', ')}`;
}

/**
 * Why a tenant of `cell` cannot start a signing-key rotation now: its new public key would exceed the account's quota
 * (the one spare key placement keeps is taken by another tenant's rotation); undefined when it can.
 */
export function rotationRefusal(cell: Cell, usage: CellUsage, reserved: CellReservations = NO_RESERVATIONS): string | undefined {
  const needed = reserved.publicKeys + usage.publicKeys + 1;
  if (needed <= cell.quotas.publicKeys) return undefined;
  return `cell ${cell.id} (account ${cell.accountId}, ${cell.region}) has no spare public key for a rotation: CloudFront 'Public keys per AWS account' would need ${needed} of ${cell.quotas.publicKeys}`;
}

export const NO_RESERVATIONS: CellReservations = { distributions: 0, keyGroups: 0, publicKeys: 0, userPools: 0 };

export interface PlacementRequest {
  tenantId: string;
  /** Keys the tenant's key group will hold. */
  keys: number;
  /** Only cells in this region qualify (data residency). */
  region?: string;
  /** A cell the tenant is pinned to (enterprise contracts, or an existing placement). */
  cellId?: string;
}

/**
 * Picks the cell for a new tenant: the first open cell (in configuration order) with room, so accounts fill
 * one at a time and a new account is needed only when every existing one is full. Throws CellFullError
 * listing each candidate's reason when none has room.
 */
export function placeTenant(cells: readonly Cell[], usage: ReadonlyMap<string, CellUsage>, request: PlacementRequest, reservations: ReadonlyMap<string, CellReservations> = new Map()): Cell {
  const candidates = cells.filter((cell) => (request.cellId ? cell.id === request.cellId : true) && (request.region ? cell.region === request.region : true));
  if (candidates.length === 0) {
    const wanted = request.cellId ? `cell ${request.cellId}` : `a cell in ${request.region ?? 'any region'}`;
    throw new CellFullError(request.tenantId, [`there is no ${wanted} in the configuration`]);
  }
  const reasons: string[] = [];
  for (const cell of candidates) {
    const refusal = cellRefusal(cell, usage.get(cell.id) ?? { tenants: 0, publicKeys: 0 }, request.keys, reservations.get(cell.id));
    if (!refusal) return cell;
    reasons.push(refusal);
  }
  throw new CellFullError(request.tenantId, reasons);
}

/** Usage per cell from the tenants already placed. */
export function cellUsage(placed: readonly { cellId: string; keys: number }[]): Map<string, CellUsage> {
  const usage = new Map<string, CellUsage>();
  for (const tenant of placed) {
    const current = usage.get(tenant.cellId) ?? { tenants: 0, publicKeys: 0 };
    usage.set(tenant.cellId, { tenants: current.tenants + 1, publicKeys: current.publicKeys + tenant.keys });
  }
  return usage;
}
