// Property: whatever events arrive, in whatever batches, however often retried, the ledger's totals (preview,
// rollups, the Stripe outbox, the closed invoice) equal the sum of the distinct events.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LocalBillingGateway } from '../../src/adapters/local/local-billing-gateway.js';
import { closeDuePeriods, invoicePreview, listInvoices, unbilledTotals } from '../../src/domain/billing/billing-periods.js';
import { computeInvoice } from '../../src/domain/billing/invoice-lines.js';
import { PLANS } from '../../src/domain/billing/plans.js';
import { billableMeterOf, USAGE_METERS, type BillableMeter, type UsageMeter } from '../../src/domain/usage/meters.js';
import { recordUsage, type NewUsageEvent } from '../../src/domain/usage/record-usage.js';
import { insertTenant, TestClock } from '../support/billing-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const MONTH_START = Date.parse('2026-11-01T00:00:00Z');
const HOURS_IN_NOVEMBER = 30 * 24;

const eventArbitrary = fc.record({
  meter: fc.constantFrom<UsageMeter>(...USAGE_METERS),
  quantity: fc.integer({ min: 1, max: 2 ** 40 }),
  hour: fc.integer({ min: 0, max: HOURS_IN_NOVEMBER - 1 }),
  minute: fc.integer({ min: 0, max: 59 }),
});

it('ledger totals equal the sum of the distinct events, through retries, rollups, the outbox and closing', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(eventArbitrary, { minLength: 1, maxLength: 40 }),
      // Each delivery re-sends a random selection of the events (retries, re-read logs, re-run jobs).
      fc.array(fc.array(fc.nat(), { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
      async (drafts, deliveries) => {
        const { tenantId } = await insertTenant(database.db, { plan: 'pro' });
        const clock = new TestClock(new Date('2026-11-30T23:00:00Z'));
        const deps = { db: database.db, clock, billing: new LocalBillingGateway() };
        const events: NewUsageEvent[] = drafts.map((draft, index) => ({
          key: `prop:${tenantId}:${index}`,
          tenantId,
          meter: draft.meter,
          quantity: draft.quantity,
          occurredAt: new Date(MONTH_START + draft.hour * 3_600_000 + draft.minute * 60_000),
        }));
        await recordUsage(database.db, events);
        for (const delivery of deliveries) {
          await recordUsage(
            database.db,
            delivery.map((index) => events[index % events.length]!),
          );
        }

        const expected = new Map<string, bigint>();
        for (const event of events) expected.set(event.meter, (expected.get(event.meter) ?? 0n) + BigInt(event.quantity));
        const billable = (meter: BillableMeter) => [...expected].filter(([name]) => billableMeterOf(name) === meter).reduce((sum, [, value]) => sum + value, 0n);

        const totals = await unbilledTotals(database.db, tenantId, new Date('2026-12-01T00:00:00Z'));
        expect(totals).toEqual({ transcode: billable('transcode'), egress: billable('egress'), storage: billable('storage') });

        for (const granularity of ['hour', 'day'] as const) {
          const rollups = await database.db.selectFrom('usage_rollups').select(['meter', 'quantity']).where('tenant_id', '=', tenantId).where('granularity', '=', granularity).execute();
          const summed = new Map<string, bigint>();
          for (const row of rollups) summed.set(row.meter, (summed.get(row.meter) ?? 0n) + BigInt(row.quantity));
          expect(summed).toEqual(expected);
        }

        const outbox = await database.db.selectFrom('meter_outbox').select(['meter', 'quantity']).where('tenant_id', '=', tenantId).execute();
        const queued = { transcode: 0n, egress: 0n, storage: 0n };
        for (const row of outbox) queued[row.meter as BillableMeter] += BigInt(row.quantity);
        expect(queued).toEqual(totals);

        const preview = await invoicePreview(deps, tenantId);
        expect(preview.totalCents).toBe(computeInvoice(PLANS.pro, totals).totalCents);

        // Closing stamps the same events onto the invoice: its lines carry the same exact quantities.
        clock.set('2026-12-01T12:00:00Z');
        await closeDuePeriods(deps);
        const [invoice] = await listInvoices(deps, tenantId);
        expect(invoice?.totalCents).toBe(preview.totalCents);
        expect(Object.fromEntries(invoice!.lines.filter((line) => line.meter).map((line) => [line.meter, BigInt(line.base!.quantity)]))).toEqual(totals);
        expect(await unbilledTotals(database.db, tenantId, new Date('2026-12-01T00:00:00Z'))).toEqual({ transcode: 0n, egress: 0n, storage: 0n });
      },
    ),
    { numRuns: 25 },
  );
});
