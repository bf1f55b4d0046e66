// The tenant's viewers over REST: list (paged), invite (the temporary password goes to the viewer by email), resend an
// invitation, remove.
import { z } from 'zod';
import { resendViewerInvitation } from '../../../domain/viewers/viewer-invitations.js';
import { inviteViewer, listViewers, removeViewer } from '../../../domain/viewers/viewer-pool.js';
import { email } from '../../routers/fields.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { dateTime, pageOf, pageQuery } from '../rest-schemas.js';

const viewerSchema = z.object({ viewerId: z.string(), email: z.string(), status: z.enum(['invited', 'active']), createdAt: dateTime }).meta({ id: 'Viewer' });

const viewerParams = z.strictObject({ viewerId: z.string().min(1).max(200).meta({ description: 'The viewer’s id.' }) });

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
      'Emails the viewer a temporary password (the answer does not carry it); they choose their own at first sign-in. Until then the viewer is `invited` and the invitation can be sent again.',
    access: { scope: 'viewers' },
    body: z.strictObject({ email }).meta({ id: 'InviteViewerRequest' }),
    response: z.object({ viewerId: z.string(), email: z.string(), status: z.literal('invited') }).meta({ id: 'InvitedViewer' }),
    successStatus: 201,
    idempotent: true,
    handle: (request) => inviteViewer(request.deps, tenantOf(request), request.body.email),
  }),
  restRoute({
    method: 'POST',
    path: '/v1/viewers/{viewerId}/invitation',
    operationId: 'resendViewerInvitation',
    tag: 'Viewers',
    summary: 'Send an invitation again',
    description: 'Emails the viewer a new temporary password; the previous one stops working. Only for a viewer who has not signed in yet (409 otherwise).',
    access: { scope: 'viewers' },
    params: viewerParams,
    response: z.object({ viewerId: z.string(), email: z.string() }).meta({ id: 'ResentInvitation' }),
    handle: (request) => resendViewerInvitation(request.deps, tenantOf(request), request.params.viewerId),
  }),
  restRoute({
    method: 'DELETE',
    path: '/v1/viewers/{viewerId}',
    operationId: 'removeViewer',
    tag: 'Viewers',
    summary: 'Remove a viewer',
    access: { scope: 'viewers' },
    params: viewerParams,
    response: z.void(),
    successStatus: 204,
    handle: async (request) => {
      await removeViewer(request.deps, tenantOf(request), request.params.viewerId);
    },
  }),
];
