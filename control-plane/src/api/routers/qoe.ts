// Playback quality: players report (public, but only with the playback session their grant opened; bounded,
// rate-limited), admins read a per-video summary.
import { qoeReportSchema } from '@ott/contracts';
import { z } from 'zod';
import { QOE_REPORTS_PER_MINUTE, recordQoeReport, reportingSession } from '../../domain/playback/qoe-report.js';
import { summarizeQoe } from '../../domain/playback/qoe-summary.js';
import { adminProcedure, publicProcedure, rateLimitedInProcess, router, TooManyAttemptsError } from '../trpc.js';
import { uuid } from './fields.js';

const PER_SESSION = { limit: QOE_REPORTS_PER_MINUTE, windowMs: 60_000 };
/** The count kept across processes admits one more report for every 60 / QOE_REPORTS_PER_MINUTE s of a session's age. */
const SECONDS_PER_REPORT = 60 / QOE_REPORTS_PER_MINUTE;
const tooMany = (waitSeconds: number) => new TooManyAttemptsError(`Too many reports for this playback session. Wait ${waitSeconds} s; report at most every 30 s.`, waitSeconds);

export const qoeRouter = router({
  report: publicProcedure
    // Many viewers can share one address (offices, carrier NAT), so the per-address ceiling is generous. Counted in
    // memory: a database write per beacon would cost more than a limit that holds per API process is worth.
    .use(rateLimitedInProcess('qoe', { limit: 1200, windowMs: 60_000 }))
    .input(qoeReportSchema)
    .mutation(async ({ ctx, input }) => {
      const session = reportingSession(ctx.deps, input);
      const waitSeconds = ctx.rateLimiter.take(`qoe-session:${session.sessionId}`, PER_SESSION);
      if (waitSeconds !== undefined) throw tooMany(waitSeconds);
      const beacon = { userAgent: ctx.userAgent, referrer: ctx.referrer, country: ctx.viewerCountry, clientIp: ctx.clientIp };
      if ((await recordQoeReport(ctx.deps, session, input, beacon)) === 'too-many-reports') throw tooMany(SECONDS_PER_REPORT);
      return { recorded: true };
    }),
  summary: adminProcedure.input(z.object({ videoId: uuid })).query(({ ctx, input }) => summarizeQoe(ctx.deps, ctx.admin.tenantId, input.videoId)),
});
