import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { CellFullError, DEFAULT_CELL_QUOTAS } from '../src/cells.js';
import { buildOttApp } from '../src/ott-app.js';
import { OTHER_ACCOUNT, PLATFORM_ACCOUNT, cellEmail, infraConfig, tenant } from './fixtures.js';

const stackNames = (app: ReturnType<typeof Testing.app>) => app.node.children.map((child) => child.node.id).sort();

describe('the OTT app (cdktf.json entry)', () => {
  it('synthesises the platform, each cell and one stack per tenant', () => {
    const app = Testing.app();
    const plan = buildOttApp(app, infraConfig({ tenants: [tenant(1), tenant(2)] }));
    expect(stackNames(app)).toEqual(['cell-eu-1', 'platform', 'tenant-00000000-0000-4000-8000-000000000001', 'tenant-00000000-0000-4000-8000-000000000002']);
    expect(plan.placements).toEqual([
      { tenantId: '00000000-0000-4000-8000-000000000001', cellId: 'eu-1' },
      { tenantId: '00000000-0000-4000-8000-000000000002', cellId: 'eu-1' },
    ]);
  });

  it('refuses to synthesise more tenants than the cells can hold', () => {
    const tenants = Array.from({ length: 10 }, (_, i) => tenant(i + 1));
    expect(() => buildOttApp(Testing.app(), infraConfig({ tenants }))).toThrow(CellFullError);
    expect(() => buildOttApp(Testing.app(), infraConfig({ tenants }))).toThrow(/tenant 00000000-0000-4000-8000-000000000010.*Public keys per AWS account' would need 11 of 10/);
  });

  it('spills into the next cell once the first is full, keeping pinned tenants where they are', () => {
    const cells = [
      { id: 'eu-1', accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', quotas: DEFAULT_CELL_QUOTAS, open: true, email: cellEmail(PLATFORM_ACCOUNT, 'eu-west-1') },
      { id: 'eu-2', accountId: OTHER_ACCOUNT, region: 'eu-west-1', quotas: DEFAULT_CELL_QUOTAS, open: true, email: cellEmail(OTHER_ACCOUNT, 'eu-west-1') },
    ];
    const tenants = [tenant(1, { cell: 'eu-2' }), ...Array.from({ length: 11 }, (_, i) => tenant(i + 2))];
    const plan = buildOttApp(Testing.app(), infraConfig({ cells, tenants }));
    const byCell = (id: string) => plan.placements.filter((placement) => placement.cellId === id).length;
    expect(plan.placements[0]).toEqual({ tenantId: '00000000-0000-4000-8000-000000000001', cellId: 'eu-2' });
    // Public keys (10 per account by default, one kept spare for a rotation) bind first.
    expect(byCell('eu-1')).toBe(9);
    expect(byCell('eu-2')).toBe(3);
  });

  it('rejects a tenant pinned to a cell the configuration does not list', () => {
    expect(() => buildOttApp(Testing.app(), infraConfig({ tenants: [tenant(1, { cell: 'nowhere' })] }))).toThrow(/pinned to cell nowhere/);
  });
});
