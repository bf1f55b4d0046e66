// close-billing-periods: periods that have ended are closed and invoiced, each once; their owners are emailed.
import { sendInvoicesIssuedSince } from '../../domain/billing/billing-notices.js';
import { closeDuePeriods } from '../../domain/billing/billing-periods.js';
import type { JobHandler } from '../job-handler.js';

export const closeBillingPeriods: JobHandler<'close-billing-periods'> = async (_job, _attempt, { deps, log }) => {
  const since = deps.clock.now();
  const { closed } = await closeDuePeriods(deps);
  if (closed === 0) return;
  log.info(`billing: ${closed} period(s) closed and invoiced`);
  await sendInvoicesIssuedSince(deps, since);
};
