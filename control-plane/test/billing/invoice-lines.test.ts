import { describe, expect, it } from 'vitest';
import { computeInvoice } from '../../src/domain/billing/invoice-lines.js';
import { amountCents, centsPerBaseUnit } from '../../src/domain/billing/money.js';
import { planCatalogue } from '../../src/domain/billing/plan-catalogue.js';
import { MB_HOURS_PER_GB_MONTH, PLANS } from '../../src/domain/billing/plans.js';

const GB = 1e9;

describe('invoice lines', () => {
  it('charges the fee, includes the allowance, and prices only what is beyond it', () => {
    const pro = PLANS.pro.billing;
    const invoice = computeInvoice(PLANS.pro, {
      transcode: BigInt(pro.included.transcode + 100 * 60), // 100 minutes over
      egress: BigInt(pro.included.egress + 250 * GB), // 250 GB over
      storage: BigInt(pro.included.storage / 2), // well within
    });
    expect(invoice.lines.map((line) => [line.description, line.billable, line.amountCents])).toEqual([
      ['Pro plan, monthly fee', 1, 4900],
      ['Transcoding', 100, 150], // $0.015 a minute
      ['Delivery egress', 250, 3000], // $0.12 a GB
      ['Storage (originals and renditions)', 0, 0],
    ]);
    expect(invoice.totalCents).toBe(4900 + 150 + 3000);
    expect(invoice.lines[2]).toMatchObject({ unit: 'GB', unitPrice: '$0.12 per GB', included: 1000, quantity: 1250 });
    expect(invoice.lines[3]).toMatchObject({ unit: 'GB-months', quantity: 250, included: 500 });
  });

  it('bills nothing on the free plan, whatever the usage (its limits stop uploads instead)', () => {
    const invoice = computeInvoice(PLANS.free, { transcode: 10n ** 9n, egress: 10n ** 15n, storage: 10n ** 12n });
    expect(invoice.totalCents).toBe(0);
  });

  it('rounds each line half up to a cent from exact integers', () => {
    // 1 byte over at $0.10/GB is 1e-8 cents: 0; 50,000,000 bytes is exactly half a cent: 1.
    const tenCentsPerGB = { millicents: 10_000, per: GB };
    expect(amountCents(1n, tenCentsPerGB)).toBe(0);
    expect(amountCents(50_000_000n, tenCentsPerGB)).toBe(1);
    expect(amountCents(49_999_999n, tenCentsPerGB)).toBe(0);
    // A GB-month of storage at $0.05, from MB-hours.
    expect(amountCents(BigInt(MB_HOURS_PER_GB_MONTH), PLANS.pro.billing.overage.storage!)).toBe(5);
  });

  it('gives Stripe the price of one base unit in at most 12 decimal places', () => {
    expect(centsPerBaseUnit(PLANS.pro.billing.overage.transcode!)).toBe('0.025');
    expect(centsPerBaseUnit(PLANS.pro.billing.overage.egress!)).toBe('0.000000012');
    expect(centsPerBaseUnit(PLANS.pro.billing.overage.storage!)).toBe('0.000006849315');
  });

  it('describes every plan for a pricing page', () => {
    const [free, pro] = planCatalogue();
    expect(free).toMatchObject({ id: 'free', monthlyFeeCents: 0, overage: { egress: null }, limits: { transcodeMinutesPerMonth: 60, storedGB: 5 } });
    expect(pro).toMatchObject({ id: 'pro', included: { transcode: '1,000 normalised minutes', egress: '1,000 GB', storage: '500 GB-months' }, overage: { transcode: '$0.015 per normalised minute' } });
  });
});
