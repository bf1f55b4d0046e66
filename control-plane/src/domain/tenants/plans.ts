// Plans as data. Billing (included quantities and prices) extends these entries; limits are enforced at upload time.
export type PlanId = 'free' | 'pro' | 'enterprise';

export interface Plan {
  id: PlanId;
  name: string;
  maxUploadBytes: number;
  maxDurationSeconds: number;
  showsPlatformLogo: boolean;
}

const GB = 1000 ** 3;

export const PLANS: Record<PlanId, Plan> = {
  free: { id: 'free', name: 'Free', maxUploadBytes: 2 * GB, maxDurationSeconds: 20 * 60, showsPlatformLogo: true },
  pro: { id: 'pro', name: 'Pro', maxUploadBytes: 50 * GB, maxDurationSeconds: 4 * 3600, showsPlatformLogo: false },
  enterprise: { id: 'enterprise', name: 'Enterprise', maxUploadBytes: 250 * GB, maxDurationSeconds: 12 * 3600, showsPlatformLogo: false },
};

export function planOf(id: string): Plan {
  return PLANS[id as PlanId] ?? PLANS.free;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${Number(value.toFixed(value < 10 && unit > 0 ? 1 : 0))} ${units[unit]}`;
}
