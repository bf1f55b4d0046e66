// Usage over REST: day by day, as the portal's usage page shows it.
import { z } from 'zod';
import { lastDays } from '../../../domain/usage/time-buckets.js';
import { usageByDay } from '../../../domain/usage/usage-reports.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { dateTime } from '../rest-schemas.js';

const amounts = {
  transcodeMinutes: z.number(),
  egressGB: z.number(),
  storageSourceGBHours: z.number(),
  storageRenditionGBHours: z.number(),
  plays: z.number(),
};

export const usageRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/usage',
    operationId: 'getUsage',
    tag: 'Usage',
    summary: 'Usage by day',
    description: 'Transcode minutes, delivery egress, storage and plays for each of the last `days` UTC days (today included), and their totals.',
    access: { scope: 'usage' },
    query: z.strictObject({ days: z.coerce.number().int().min(1, 'Ask for at least 1 day').max(366, 'Ask for at most 366 days').default(30).meta({ description: '1 to 366; 30 unless said.' }) }),
    response: z
      .object({
        from: dateTime,
        to: dateTime,
        days: z.array(z.object({ day: z.string().meta({ description: 'The UTC day: 2026-11-21.' }), ...amounts })),
        totals: z.object(amounts),
      })
      .meta({ id: 'Usage' }),
    handle: (request) => usageByDay(request.deps, tenantOf(request), lastDays(request.deps.clock.now(), request.query.days)),
  }),
];
