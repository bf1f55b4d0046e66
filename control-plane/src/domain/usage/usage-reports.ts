// What a tenant sees of its usage day by day, from the daily rollups, scoped by the caller's tenant id. Video by video,
// with what each costs at the plan's prices, is videos/video-usage-costs.ts.
import type { DomainDeps } from '../deps.js';
import { METERS, toDisplay, USAGE_METERS, type UsageMeter } from './meters.js';
import { addDays, isoDay, startOfDay } from './time-buckets.js';

export interface UsageAmounts {
  transcodeMinutes: number;
  egressGB: number;
  storageSourceGBHours: number;
  storageRenditionGBHours: number;
  plays: number;
  /** The workspace's own previews in the portal, apart from `plays`; their bytes are inside `egressGB` too. */
  previewPlays: number;
  previewEgressGB: number;
}

export interface UsageDay extends UsageAmounts {
  /** `2026-11-21`, UTC. */
  day: string;
}

export interface UsageByDay {
  from: Date;
  to: Date;
  days: UsageDay[];
  totals: UsageAmounts;
}

const FIELD: Record<UsageMeter, keyof UsageAmounts> = {
  transcode: 'transcodeMinutes',
  egress: 'egressGB',
  storage_source: 'storageSourceGBHours',
  storage_rendition: 'storageRenditionGBHours',
  plays: 'plays',
  preview_plays: 'previewPlays',
  preview_egress: 'previewEgressGB',
};

const noUsage = (): UsageAmounts => ({ transcodeMinutes: 0, egressGB: 0, storageSourceGBHours: 0, storageRenditionGBHours: 0, plays: 0, previewPlays: 0, previewEgressGB: 0 });

/** Days from `from` to `to` (exclusive), every day present, empty ones as zeros. */
export async function usageByDay(deps: Pick<DomainDeps, 'db'>, tenantId: string, range: { from: Date; to: Date }): Promise<UsageByDay> {
  const from = startOfDay(range.from);
  const rows = await deps.db
    .selectFrom('usage_rollups')
    .select(['meter', 'bucket_start', 'quantity'])
    .where('tenant_id', '=', tenantId)
    .where('granularity', '=', 'day')
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', range.to)
    .execute();
  const days = new Map<string, UsageDay>();
  for (let day = from; day < range.to; day = addDays(day, 1)) days.set(isoDay(day), { day: isoDay(day), ...noUsage() });
  const base = new Map<string, Map<UsageMeter, bigint>>();
  for (const row of rows) {
    if (!USAGE_METERS.includes(row.meter as UsageMeter)) continue;
    const perDay = base.get(isoDay(row.bucket_start)) ?? new Map<UsageMeter, bigint>();
    perDay.set(row.meter as UsageMeter, (perDay.get(row.meter as UsageMeter) ?? 0n) + BigInt(row.quantity));
    base.set(isoDay(row.bucket_start), perDay);
  }
  const totals = new Map<UsageMeter, bigint>();
  for (const [day, perDay] of base) {
    const target = days.get(day);
    for (const [meter, quantity] of perDay) {
      if (target) target[FIELD[meter]] = toDisplay(Number(quantity), METERS[meter].perDisplayUnit);
      totals.set(meter, (totals.get(meter) ?? 0n) + quantity);
    }
  }
  const sum = noUsage();
  for (const [meter, quantity] of totals) sum[FIELD[meter]] = toDisplay(Number(quantity), METERS[meter].perDisplayUnit);
  return { from, to: range.to, days: [...days.values()], totals: sum };
}
