// The local ledger over months: an open period, its preview, closing into an invoice, late usage rolling into the
// next invoice, plan changes (a prorated upgrade, a downgrade at the period's end), and the free plan's limits on uploads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBillingGateway } from '../../src/adapters/local/local-billing-gateway.js';
import { closeDuePeriods, invoicePreview, listInvoices } from '../../src/domain/billing/billing-periods.js';
import { assertUploadAllowed } from '../../src/domain/billing/billing-standing.js';
import { openBillingPortal } from '../../src/domain/billing/checkout.js';
import { addPaymentMethod, cancelPendingPlanChange, confirmPlanChange, pendingPlanChange, quotePlanChange } from '../../src/domain/billing/plan-changes.js';
import { PLANS } from '../../src/domain/billing/plans.js';
import { recordUsage } from '../../src/domain/usage/record-usage.js';
import { insertTenant, TestClock } from '../support/billing-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const GB = 1e9;
const urls = { successUrl: 'https://portal.example/usage?checkout=done', cancelUrl: 'https://portal.example/usage' };

describe('local ledger', () => {
  it('closes a month into an invoice and bills late usage on the next one, never twice', async () => {
    const { tenantId, slug } = await insertTenant(database.db, { plan: 'pro' });
    const clock = new TestClock(new Date('2026-11-15T09:00:00Z'));
    const deps = { db: database.db, clock, billing: new LocalBillingGateway() };
    const overEgress = PLANS.pro.billing.included.egress + 10 * GB;
    await recordUsage(database.db, [{ key: `e1:${tenantId}`, tenantId, meter: 'egress', quantity: overEgress, occurredAt: new Date('2026-11-10T10:00:00Z') }]);

    const preview = await invoicePreview(deps, tenantId);
    expect(preview.period).toEqual({ startsAt: new Date('2026-11-01T00:00:00Z'), endsAt: new Date('2026-12-01T00:00:00Z') });
    expect(preview.totalCents).toBe(4900 + 120); // 10 GB over at $0.12

    // Not closed before the settle time after the month's end.
    clock.set('2026-12-01T03:00:00Z');
    expect(await closeDuePeriods(deps)).toEqual({ closed: 0 });
    clock.set('2026-12-01T07:00:00Z');
    expect(await closeDuePeriods(deps)).toMatchObject({ closed: 1 });
    expect(await closeDuePeriods(deps)).toEqual({ closed: 0 });

    // A November log that arrives in December: on December's invoice, not lost, not on November's again.
    await recordUsage(database.db, [{ key: `e2:${tenantId}`, tenantId, meter: 'egress', quantity: 5 * GB, occurredAt: new Date('2026-11-30T23:30:00Z') }]);
    const december = await invoicePreview(deps, tenantId);
    expect(december.period.startsAt).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(december.lines.find((line) => line.meter === 'egress')).toMatchObject({ quantity: 5, billable: 0 });

    const [november] = await listInvoices(deps, tenantId);
    expect(november).toMatchObject({ number: `OTT-${slug}-2026-11`, totalCents: 5020, plan: { id: 'pro' } });
    expect(november?.lines.find((line) => line.meter === 'egress')).toMatchObject({ quantity: 1010, included: 1000, billable: 10, amountCents: 120 });

    // A worker down for two months closes each of them, each with its fee.
    clock.set('2027-02-02T00:00:00Z');
    expect(await closeDuePeriods(deps)).toMatchObject({ closed: 2 });
    expect((await listInvoices(deps, tenantId)).map((invoice) => [invoice.number.slice(-7), invoice.totalCents])).toEqual([
      ['2027-01', 4900],
      ['2026-12', 4900],
      ['2026-11', 5020],
    ]);
  });

  it('upgrades at once with the rest of the month prorated, downgrades at the month end (called off, then kept), and notes a payment method apart', async () => {
    const { tenantId, slug } = await insertTenant(database.db, { plan: 'free' });
    const clock = new TestClock(new Date('2026-11-15T09:00:00Z'));
    const deps = { db: database.db, clock, billing: new LocalBillingGateway(), urls: { api: 'https://portal.example', edge: 'https://edge.example' } };
    expect(await addPaymentMethod(deps, tenantId, urls)).toEqual({ kind: 'completed' });
    expect((await invoicePreview(deps, tenantId)).plan.id).toBe('free');

    // 375 of November's 720 hours are left: $49.00 × 375/720 = $25.52.
    const quote = await quotePlanChange(deps, tenantId, 'pro');
    expect(quote).toMatchObject({ kind: 'upgrade', chargeNowCents: 2552, nextPeriodStartsAt: new Date('2026-12-01T00:00:00Z') });
    expect(quote.summary).toBe("$25.52 now (Pro's fee less Free's for the 16 of 30 days left in this period), then $49.00 a month from 2026-12-01. Pro's limits apply at once.");
    await expect(confirmPlanChange(deps, tenantId, { planId: 'pro', expectedChargeCents: 2000, ...urls })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await confirmPlanChange(deps, tenantId, { planId: 'pro', expectedChargeCents: 2552, ...urls })).toMatchObject({ kind: 'changed' });
    const upgraded = await invoicePreview(deps, tenantId);
    expect(upgraded.plan.id).toBe('pro');
    expect(upgraded.lines.slice(0, 2).map((line) => [line.kind, line.description, line.amountCents])).toEqual([
      ['fee', 'Free plan, monthly fee', 0],
      ['adjustment', 'Pro plan from 2026-11-15, prorated (Free fee deducted)', 2552],
    ]);
    expect(upgraded.totalCents).toBe(2552);
    await expect(quotePlanChange(deps, tenantId, 'pro')).rejects.toMatchObject({ kind: 'conflict', message: 'You are on the Pro plan already.' });

    // Back to Free: nothing now, at the period's end; called off, then asked for again.
    clock.set('2026-11-20T00:00:00Z');
    expect(await confirmPlanChange(deps, tenantId, { planId: 'free', expectedChargeCents: 0, ...urls })).toMatchObject({
      kind: 'scheduled',
      quote: { chargeNowCents: 0, effectiveAt: new Date('2026-12-01T00:00:00Z') },
    });
    expect(await pendingPlanChange(deps, tenantId)).toEqual({ plan: { id: 'free', name: 'Free' }, effectiveAt: new Date('2026-12-01T00:00:00Z') });
    await cancelPendingPlanChange(deps, tenantId);
    expect(await pendingPlanChange(deps, tenantId)).toBeNull();
    await expect(cancelPendingPlanChange(deps, tenantId)).rejects.toMatchObject({ kind: 'conflict' });
    await confirmPlanChange(deps, tenantId, { planId: 'free', expectedChargeCents: 0, ...urls });

    clock.set('2026-12-01T07:00:00Z');
    expect(await closeDuePeriods(deps)).toMatchObject({ closed: 1 });
    const [november] = await listInvoices(deps, tenantId);
    expect(november).toMatchObject({ number: `OTT-${slug}-2026-11`, totalCents: 2552, plan: { id: 'pro' } });
    const december = await invoicePreview(deps, tenantId);
    expect(december).toMatchObject({ plan: { id: 'free' }, totalCents: 0 });
    expect(await pendingPlanChange(deps, tenantId)).toBeNull();
    await expect(openBillingPortal(deps, tenantId, urls.cancelUrl)).rejects.toMatchObject({ message: expect.stringContaining('local ledger') });
  });

  it('refuses uploads on the free plan once its monthly transcode minutes or its storage are used up, saying how to go on', async () => {
    const { tenantId } = await insertTenant(database.db, { plan: 'free' });
    const deps = { db: database.db, clock: new TestClock(new Date('2026-11-15T09:00:00Z')) };
    await assertUploadAllowed(deps, tenantId, PLANS.free, 1000);
    await recordUsage(database.db, [{ key: `t:${tenantId}`, tenantId, meter: 'transcode', quantity: 3600, occurredAt: new Date('2026-11-14T00:00:00Z') }]);
    await expect(assertUploadAllowed(deps, tenantId, PLANS.free, 1000)).rejects.toMatchObject({
      kind: 'limit',
      message: 'You have used the 60 normalised transcode minutes the Free plan includes this month. Upgrade to Pro to keep uploading, or wait until 2026-12-01 when the allowance renews.',
    });

    const { tenantId: full } = await insertTenant(database.db, { plan: 'free' });
    await database.db
      .insertInto('videos')
      .values({ tenant_id: full, title: 'big', source_key: 'k', source_filename: 'big.mp4', source_size: 4.5 * GB, part_size: 1, status: 'ready' })
      .execute();
    await assertUploadAllowed(deps, full, PLANS.free, 0.4 * GB);
    await expect(assertUploadAllowed(deps, full, PLANS.free, 0.6 * GB)).rejects.toMatchObject({ kind: 'limit', message: expect.stringContaining('the Free plan stores up to 5 GB') });
    // Paid plans have no such limits.
    await assertUploadAllowed(deps, full, PLANS.pro, 100 * GB);
  });
});
