// A video's availability over REST: its publish window and country rule, enforced by playback.authorize.
import { z } from 'zod';
import { getAvailability, setAvailability } from '../../../domain/videos/video-availability.js';
import { availabilityChange, availabilityFields } from '../../routers/fields.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { dateTime, resourceId } from '../rest-schemas.js';

const videoParams = z.strictObject({ videoId: resourceId('video') });

const countryRule = z
  .object({
    mode: z.enum(['allow', 'deny']).meta({ description: '`allow`: only these countries may watch; `deny`: every country but these.' }),
    countries: z.array(z.string()).meta({ description: 'ISO 3166-1 alpha-2 codes, such as `GB` (not `UK`), `DE`, `US`.' }),
  })
  .meta({ id: 'CountryRule' });

const windowAndRule = {
  publishAt: dateTime.nullable().meta({ description: 'Viewers may watch from then on; null: as soon as the video is ready.' }),
  unpublishAt: dateTime.nullable().meta({ description: 'Viewers may no longer watch from then on (grants end then too); null: no end.' }),
  countryRule: countryRule.nullable().meta({ description: 'null: every country may watch.' }),
};
const availabilityState = z
  .enum(['scheduled', 'available', 'expired'])
  .meta({ id: 'AvailabilityState', description: 'Where the window stands now: before `publishAt`, inside the window, or from `unpublishAt` on.' });

/** The same fields in a video's list row and read (GET /v1/videos, GET /v1/videos/{videoId}). */
export const videoAvailabilityFields = { ...windowAndRule, availability: availabilityState };

const availabilitySchema = z.object({ videoId: z.uuid(), ...windowAndRule, state: availabilityState }).meta({ id: 'Availability' });

export const availabilityRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/videos/{videoId}/availability',
    operationId: 'getAvailability',
    tag: 'Availability',
    summary: 'When and where the video may be watched',
    access: { scope: 'read' },
    params: videoParams,
    response: availabilitySchema,
    handle: (request) => getAvailability(request.deps, tenantOf(request), request.params.videoId),
  }),
  restRoute({
    method: 'PUT',
    path: '/v1/videos/{videoId}/availability',
    operationId: 'setAvailability',
    tag: 'Availability',
    summary: 'Set the publish window and the country rule',
    description:
      'Replaces both: a field left null clears it. Playback is refused before `publishAt` ("Available from …"), from `unpublishAt` on ("No longer available since …"), and in countries the rule excludes; a viewer whose country cannot be determined is refused by an allow list. Your own previews in the portal are not bound by it.',
    access: { scope: 'write' },
    params: videoParams,
    body: z.strictObject(availabilityFields).meta({ id: 'SetAvailabilityRequest' }),
    response: availabilitySchema,
    handle: (request) => setAvailability(request.deps, tenantOf(request), request.params.videoId, availabilityChange(request.body)),
  }),
];
