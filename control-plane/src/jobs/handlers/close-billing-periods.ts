// close-billing-periods: periods that have ended are closed and invoiced, each once.
import { closeDuePeriods } from '../../domain/billing/billing-periods.js';
import type { JobHandler } from '../job-handler.js';

export const closeBillingPeriods: JobHandler<'close-billing-periods'> = async (_job, _attempt, { deps, log }) => {
  const { closed } = await closeDuePeriods(deps);
  if (closed > 0) log.info(`billing: ${closed} period(s) closed and invoiced`);
};
