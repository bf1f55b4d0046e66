// The meters and their units. Every quantity is stored, summed and sent to Stripe as a whole number of the
// meter's base unit (Stripe meter events accept whole numbers only), so the local ledger and Stripe add up
// the very same integers. People see display units.

export type UsageMeter = 'transcode' | 'egress' | 'storage_source' | 'storage_rendition' | 'plays' | 'preview_plays' | 'preview_egress';

/** What appears on an invoice: both storage classes are one line, plays are never billed. */
export type BillableMeter = 'transcode' | 'egress' | 'storage';

export interface MeterDefinition {
  billable: BillableMeter | null;
  baseUnit: string;
  displayUnit: string;
  /** Base units in one display unit. */
  perDisplayUnit: number;
}

export const METERS: Record<UsageMeter, MeterDefinition> = {
  transcode: { billable: 'transcode', baseUnit: 'normalised second', displayUnit: 'normalised minutes', perDisplayUnit: 60 },
  egress: { billable: 'egress', baseUnit: 'byte', displayUnit: 'GB', perDisplayUnit: 1e9 },
  // Megabyte-hours: fine enough for a small library, small enough to price in Stripe's 12 decimal places.
  storage_source: { billable: 'storage', baseUnit: 'MB-hour', displayUnit: 'GB-hours', perDisplayUnit: 1000 },
  storage_rendition: { billable: 'storage', baseUnit: 'MB-hour', displayUnit: 'GB-hours', perDisplayUnit: 1000 },
  plays: { billable: null, baseUnit: 'play', displayUnit: 'plays', perDisplayUnit: 1 },
  // The workspace's own previews in the portal, counted apart from viewers (delivery-aggregation.ts). Their bytes are
  // also in `egress`, billed like any other delivery: this meter only says how much of it was the owner's own.
  preview_plays: { billable: null, baseUnit: 'play', displayUnit: 'plays', perDisplayUnit: 1 },
  preview_egress: { billable: null, baseUnit: 'byte', displayUnit: 'GB', perDisplayUnit: 1e9 },
};

export const USAGE_METERS = Object.keys(METERS) as UsageMeter[];
export const BILLABLE_METERS: readonly BillableMeter[] = ['transcode', 'egress', 'storage'];

/** Display units for billable meters (the storage classes share one). */
export const BILLABLE_UNITS: Record<BillableMeter, { displayUnit: string; perDisplayUnit: number }> = {
  transcode: { displayUnit: 'normalised minutes', perDisplayUnit: 60 },
  egress: { displayUnit: 'GB', perDisplayUnit: 1e9 },
  storage: { displayUnit: 'GB-hours', perDisplayUnit: 1000 },
};

export function isUsageMeter(value: string): value is UsageMeter {
  return value in METERS;
}

export function billableMeterOf(meter: string): BillableMeter | null {
  return isUsageMeter(meter) ? METERS[meter].billable : null;
}

/** Base units → display units (never used for money); small amounts keep their digits, float noise does not. */
export function toDisplay(quantity: number, perDisplayUnit: number): number {
  return Number((quantity / perDisplayUnit).toPrecision(12));
}
