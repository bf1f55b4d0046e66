// The tenant's viewers over REST: list (paged), invite, remove.
import { z } from 'zod';
import { inviteViewer, listViewers, removeViewer } from '../../../domain/viewers/viewer-pool.js';
import { email } from '../../routers/fields.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { dateTime, pageOf, pageQuery } from '../rest-schemas.js';

const viewerSchema = z.object({ viewerId: z.string(), email: z.string(), status: z.enum(['invited', 'active']), createdAt: dateTime }).meta({ id: 'Viewer' });

export const viewersRoutes: RestRoute[] = [
  restRoute({
    method: 'GET',
    path: '/v1/viewers',
    operationId: 'listViewers',
    tag: 'Viewers',
    summary: 'List viewers',
    access: { scope: 'viewers' },
    query: pageQuery,
    response: pageOf(viewerSchema, 'ViewerPage'),
    handle: (request) => listViewers(request.deps, tenantOf(request), request.query),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/viewers',
    operationId: 'inviteViewer',
    tag: 'Viewers',
    summary: 'Invite a viewer',
    description:
      'Answers a temporary password, this once: pass it on; the viewer sets a new one at first sign-in. Not idempotent by key: the answer holds a password, which is never stored for a replay.',
    access: { scope: 'viewers' },
    body: z.strictObject({ email }).meta({ id: 'InviteViewerRequest' }),
    response: z.object({ viewerId: z.string(), email: z.string(), temporaryPassword: z.string() }).meta({ id: 'InvitedViewer' }),
    successStatus: 201,
    handle: (request) => inviteViewer(request.deps, tenantOf(request), request.body.email),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/viewers/{viewerId}',
    operationId: 'removeViewer',
    tag: 'Viewers',
    summary: 'Remove a viewer',
    access: { scope: 'viewers' },
    params: z.strictObject({ viewerId: z.string().min(1).max(200).meta({ description: 'The viewer’s id.' }) }),
    response: z.void(),
    successStatus: 204,
    handle: async (request) => {
      await removeViewer(request.deps, tenantOf(request), request.params.viewerId);
    },
  }),
];
