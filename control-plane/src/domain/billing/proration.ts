// What a plan change costs for the rest of a billing period: the fee difference times the share of the period left,
// by the second, rounded half up to a cent (Stripe prorates by the second too). The ledger's quote and the
// adjustment it books call this one function, so what the confirmation promised is what the invoice says.
export interface PeriodSpan {
  startsAt: Date;
  endsAt: Date;
}

/** `feeDifferenceCents` × the share of `period` still to run at `at`; negative for a cheaper plan. */
export function proratedCents(feeDifferenceCents: number, period: PeriodSpan, at: Date): number {
  const total = period.endsAt.getTime() - period.startsAt.getTime();
  const left = Math.min(total, Math.max(0, period.endsAt.getTime() - at.getTime()));
  if (total <= 0) return 0;
  const exact = (feeDifferenceCents * left) / total;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

/** Whole days left in the period at `at`, counting a started day (for sentences, never for money). */
export function daysLeft(period: PeriodSpan, at: Date): { left: number; total: number } {
  const DAY = 86_400_000;
  return { left: Math.ceil(Math.max(0, period.endsAt.getTime() - at.getTime()) / DAY), total: Math.round((period.endsAt.getTime() - period.startsAt.getTime()) / DAY) };
}
