import { describe, expect, it } from 'vitest';
import { CellFullError, DEFAULT_CELL_QUOTAS, cellRefusal, cellUsage, placeTenant, type Cell } from '../src/cells.js';

const cell = (id: string, overrides: Partial<Cell> = {}): Cell => ({ id, accountId: '111111111111', region: 'eu-west-1', quotas: DEFAULT_CELL_QUOTAS, open: true, ...overrides });

describe('cell placement', () => {
  it('fills the first cell before using the next, so accounts are added only when needed', () => {
    const cells = [cell('a'), cell('b', { accountId: '222222222222' })];
    expect(placeTenant(cells, cellUsage([]), { tenantId: 't1', keys: 1 }).id).toBe('a');
    const eight = cellUsage(Array.from({ length: 8 }, () => ({ cellId: 'a', keys: 1 })));
    expect(placeTenant(cells, eight, { tenantId: 't9', keys: 1 }).id).toBe('a');
    const nine = cellUsage(Array.from({ length: 9 }, () => ({ cellId: 'a', keys: 1 })));
    expect(placeTenant(cells, nine, { tenantId: 't10', keys: 1 }).id).toBe('b');
  });

  it('refuses clearly when every cell is full, naming the quota and the way out', () => {
    // AWS's default 10 public keys per account, one kept spare for a rotation: the tenth tenant does not fit.
    const full = cellUsage(Array.from({ length: 9 }, () => ({ cellId: 'a', keys: 1 })));
    const attempt = () => placeTenant([cell('a')], full, { tenantId: 'acme', keys: 1 });
    expect(attempt).toThrow(CellFullError);
    expect(attempt).toThrow(/No cell can take tenant acme: cell a \(account 111111111111, eu-west-1\) is full: CloudFront 'Public keys per AWS account' would need 11 of 10/);
    expect(attempt).toThrow(/Raise the quota .* or add a cell/);
  });

  it('names the key groups next once the public-key quota is raised', () => {
    const quotas = { ...DEFAULT_CELL_QUOTAS, publicKeys: 50 };
    expect(cellRefusal(cell('a', { quotas }), { tenants: 10, publicKeys: 10 }, 1)).toMatch(/Key groups per AWS account' would need 11 of 10/);
  });

  it("stops at 100 tenants, where the cell's shared cache policies reach their distribution limit", () => {
    const raised = { ...DEFAULT_CELL_QUOTAS, keyGroups: 500, publicKeys: 500, responseHeadersPolicies: 500, originAccessControls: 500 };
    expect(cellRefusal(cell('a', { quotas: raised }), { tenants: 99, publicKeys: 99 }, 1)).toBeUndefined();
    expect(cellRefusal(cell('a', { quotas: raised }), { tenants: 100, publicKeys: 100 }, 1)).toMatch(/'Distributions associated with the same cache policy' would need 101 of 100/);
  });

  it('keeps one spare public key per cell so any tenant can rotate its key', () => {
    const quotas = { ...DEFAULT_CELL_QUOTAS, keyGroups: 100, publicKeys: 10 };
    // 9 keys in use: a tenant with one key would leave no spare for a rotation.
    const usage = { tenants: 9, publicKeys: 9 };
    expect(cellRefusal(cell('a', { quotas }), usage, 1)).toMatch(/Public keys per AWS account' would need 11 of 10/);
    expect(cellRefusal(cell('a', { quotas }), { tenants: 8, publicKeys: 8 }, 1)).toBeUndefined();
  });

  it("counts what the platform reserves in its own account (the admins' user pool)", () => {
    const quotas = { ...DEFAULT_CELL_QUOTAS, userPools: 1 };
    expect(cellRefusal(cell('a', { quotas }), { tenants: 0, publicKeys: 0 }, 1, { distributions: 0, keyGroups: 0, publicKeys: 0, userPools: 1 })).toMatch(/User pools per Region' would need 2 of 1/);
  });

  it('honours closed cells, regions and pinned cells', () => {
    const cells = [cell('closed', { open: false }), cell('us', { region: 'us-east-1' }), cell('eu')];
    expect(placeTenant(cells, cellUsage([]), { tenantId: 't', keys: 1 }).id).toBe('us');
    expect(placeTenant(cells, cellUsage([]), { tenantId: 't', keys: 1, region: 'eu-west-1' }).id).toBe('eu');
    expect(() => placeTenant(cells, cellUsage([]), { tenantId: 't', keys: 1, cellId: 'closed' })).toThrow(/cell closed .* is closed to new tenants/);
    expect(() => placeTenant(cells, cellUsage([]), { tenantId: 't', keys: 1, region: 'ap-south-1' })).toThrow(/there is no a cell in ap-south-1/);
  });
});
