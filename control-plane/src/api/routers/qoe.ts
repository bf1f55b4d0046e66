// Playback quality: players report (public, bounded, rate-limited), admins read a per-video summary.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { recordQoeReport } from '../../domain/playback/qoe-report.js';
import { summarizeQoe } from '../../domain/playback/qoe-summary.js';
import { adminProcedure, publicProcedure, rateLimitedInProcess, router } from '../trpc.js';
import { uuid } from './fields.js';

const DAY_MS = 86_400_000;
const count = (max: number) => z.number().int().min(0).max(max);

/** Bounds a real session stays within; anything beyond is a broken or hostile reporter. */
export const qoeReportInput = z.object({
  sessionId: uuid,
  videoId: uuid,
  startupMs: count(10 * 60_000).nullable(),
  rebufferMs: count(DAY_MS),
  rebufferCount: count(100_000),
  bitrateSwitches: count(100_000),
  errors: count(10_000),
  watchedSeconds: z.number().min(0).max(DAY_MS / 1000),
});

export type QoeReportInput = z.input<typeof qoeReportInput>;

/** A player reports every 30 s and when its page hides; a dozen a minute leaves room for tab switching. */
const PER_SESSION = { limit: 12, windowMs: 60_000 };

export const qoeRouter = router({
  report: publicProcedure
    // Many viewers can share one address (offices, carrier NAT), so the per-address ceiling is generous. Counted in
    // memory: a database write per beacon would cost more than a limit that holds per API process is worth.
    .use(rateLimitedInProcess('qoe', { limit: 1200, windowMs: 60_000 }))
    .input(qoeReportInput)
    .mutation(async ({ ctx, input }) => {
      const waitSeconds = ctx.rateLimiter.take(`qoe-session:${input.videoId}:${input.sessionId}`, PER_SESSION);
      if (waitSeconds !== undefined) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many reports for this playback session. Wait ${waitSeconds} s.` });
      await recordQoeReport(ctx.deps, input);
      return { recorded: true };
    }),
  summary: adminProcedure.input(z.object({ videoId: uuid })).query(({ ctx, input }) => summarizeQoe(ctx.deps, ctx.admin.tenantId, input.videoId)),
});
