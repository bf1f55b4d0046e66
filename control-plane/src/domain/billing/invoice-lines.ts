// An invoice from usage totals and a plan: the monthly fee, then one line per billable meter (quantity, what the
// plan includes, what is left to pay for, its price and amount). Pure, so the preview, the closed invoice and the
// property tests compute it the same way.
import { MB_HOURS_PER_GB_MONTH, type Plan } from './plans.js';
import { BILLABLE_METERS, toDisplay, type BillableMeter } from '../usage/meters.js';
import { amountCents, describeUnitPrice } from './money.js';

export type UsageTotals = Record<BillableMeter, bigint>;

export interface InvoiceLine {
  kind: 'fee' | 'usage' | 'adjustment';
  meter: BillableMeter | null;
  description: string;
  /** In `unit`, rounded for people; `base` keeps the exact whole base units. */
  quantity: number;
  included: number;
  billable: number;
  unit: string;
  unitPrice: string | null;
  amountCents: number;
  base: { quantity: string; included: string; billable: string } | null;
}

export interface InvoiceComputation {
  lines: InvoiceLine[];
  totalCents: number;
}

/** How invoices show each meter: storage as GB-months, the unit it is priced in. */
const INVOICE_UNITS: Record<BillableMeter, { description: string; unit: string; perUnit: number }> = {
  transcode: { description: 'Transcoding', unit: 'normalised minutes', perUnit: 60 },
  egress: { description: 'Delivery egress', unit: 'GB', perUnit: 1e9 },
  storage: { description: 'Storage (originals and renditions)', unit: 'GB-months', perUnit: MB_HOURS_PER_GB_MONTH },
};

export const NO_USAGE: UsageTotals = { transcode: 0n, egress: 0n, storage: 0n };

/** A one-off amount on a period's invoice, such as an upgrade's prorated fee. */
export interface Adjustment {
  description: string;
  amountCents: number;
}

/**
 * `plan` prices the usage; `feePlan` (the plan the period started on, when it was upgraded since) bills the fee, and
 * each upgrade's prorated difference is one of the `adjustments`.
 */
export function computeInvoice(plan: Plan, totals: UsageTotals, charges: { feePlan?: Plan; adjustments?: readonly Adjustment[] } = {}): InvoiceComputation {
  const feePlan = charges.feePlan ?? plan;
  const lines: InvoiceLine[] = [
    {
      kind: 'fee',
      meter: null,
      description: `${feePlan.name} plan, monthly fee`,
      quantity: 1,
      included: 0,
      billable: 1,
      unit: 'month',
      unitPrice: null,
      amountCents: feePlan.billing.monthlyFeeCents,
      base: null,
    },
    ...(charges.adjustments ?? []).map((adjustment): InvoiceLine => ({
      kind: 'adjustment',
      meter: null,
      description: adjustment.description,
      quantity: 1,
      included: 0,
      billable: 1,
      unit: 'change',
      unitPrice: null,
      amountCents: adjustment.amountCents,
      base: null,
    })),
  ];
  for (const meter of BILLABLE_METERS) {
    const quantity = totals[meter];
    const included = BigInt(plan.billing.included[meter]);
    const billable = quantity > included ? quantity - included : 0n;
    const price = plan.billing.overage[meter];
    const units = INVOICE_UNITS[meter];
    lines.push({
      kind: 'usage',
      meter,
      description: units.description,
      quantity: display(quantity, units.perUnit),
      included: display(included, units.perUnit),
      billable: price ? display(billable, units.perUnit) : 0,
      unit: units.unit,
      unitPrice: price ? describeUnitPrice(price, units.unit.replace(/s$/, ''), units.perUnit) : null,
      amountCents: price ? amountCents(billable, price) : 0,
      base: { quantity: quantity.toString(), included: included.toString(), billable: (price ? billable : 0n).toString() },
    });
  }
  return { lines, totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0) };
}

function display(quantity: bigint, perUnit: number): number {
  return toDisplay(Number(quantity), perUnit);
}
