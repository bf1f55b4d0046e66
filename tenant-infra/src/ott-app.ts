// The whole CDKTF app: the platform stack, one stack per cell, one stack per tenant. Tenants without a
// pinned cell are placed here (first open cell with room); a full configuration fails the synth with
// CellFullError rather than producing a stack AWS would reject halfway through an apply.
import type { App } from 'cdktf';
import { cellUsage, placeTenant, type Cell, type CellReservations, type CellUsage } from './cells.js';
import { InfraConfigError } from './infra-config-error.js';
import { assertOneCellPerAccount, type InfraConfig } from './infra-config.js';
import { tenantStackName } from './naming.js';
import { CellStack } from './stacks/cell-stack.js';
import { PlatformStack } from './stacks/platform-stack.js';
import { TenantStack } from './stacks/tenant-stack.js';
import { tenantStackProps } from './tenant-stack-props.js';

export interface SynthesisPlan {
  placements: { tenantId: string; cellId: string }[];
}

/** What the platform itself keeps in a cell's account besides tenants: the admins' pool. */
export function platformReservations(config: Pick<InfraConfig, 'platform' | 'cells'>): Map<string, CellReservations> {
  return new Map(
    config.cells
      .filter((cell) => cell.accountId === config.platform.accountId && cell.region === config.platform.region)
      .map((cell) => [cell.id, { distributions: 0, keyGroups: 0, publicKeys: 0, userPools: 1 }]),
  );
}

export function buildOttApp(app: App, config: InfraConfig): SynthesisPlan {
  // parseInfraConfig refuses this already; a configuration built in code must not slip past it.
  assertOneCellPerAccount(config);
  new PlatformStack(app, 'platform', config);
  const cells = new Map<string, Cell>(config.cells.map((cell) => [cell.id, cell]));
  for (const cell of config.cells) new CellStack(app, `cell-${cell.id}`, { cell, namePrefix: config.namePrefix, platform: config.platform, state: config.state });

  const reservations = platformReservations(config);
  // Pinned tenants are counted first: they already exist in their cells.
  const pinned = config.tenants.filter((tenant) => tenant.cell !== undefined);
  for (const tenant of pinned) {
    if (!cells.has(tenant.cell ?? '')) throw new InfraConfigError(`Tenant ${tenant.id} is pinned to cell ${tenant.cell}, which the configuration does not list.`);
  }
  const usage: Map<string, CellUsage> = cellUsage(pinned.map((tenant) => ({ cellId: tenant.cell ?? '', keys: tenant.publicKeys.length })));
  const placements: SynthesisPlan['placements'] = pinned.map((tenant) => ({ tenantId: tenant.id, cellId: tenant.cell ?? '' }));
  for (const tenant of config.tenants.filter((candidate) => candidate.cell === undefined)) {
    const cell = placeTenant(config.cells, usage, { tenantId: tenant.id, keys: tenant.publicKeys.length, ...(tenant.region ? { region: tenant.region } : {}) }, reservations);
    const current = usage.get(cell.id) ?? { tenants: 0, publicKeys: 0 };
    usage.set(cell.id, { tenants: current.tenants + 1, publicKeys: current.publicKeys + tenant.publicKeys.length });
    placements.push({ tenantId: tenant.id, cellId: cell.id });
  }
  const byId = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));
  for (const { tenantId, cellId } of placements) {
    const tenant = byId.get(tenantId);
    const cell = cells.get(cellId);
    if (!tenant || !cell) continue;
    new TenantStack(app, tenantStackName(tenant.id), tenantStackProps(config, tenant, cell));
  }
  return { placements };
}
