// The email that carries a viewer's temporary password (it is never shown on screen nor returned by the API), and
// sending it again with a new temporary password while the viewer has not signed in.
import type { DomainDeps } from '../deps.js';
import { notFound, notReady } from '../errors.js';
import { sendTenantEmail } from '../email/send-tenant-email.js';

type Deps = Pick<DomainDeps, 'db' | 'identity' | 'email' | 'urls'>;

export async function sendViewerInvitation(deps: Omit<Deps, 'identity'>, tenantId: string, to: string, temporaryPassword: string): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select(['name', 'viewer_site_url']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  const where = tenant.viewer_site_url ? `on ${tenant.viewer_site_url}` : `where ${tenant.name}'s videos are shown`;
  await sendTenantEmail(deps, {
    tenantId,
    kind: 'viewer-invitation',
    to,
    content: {
      subject: `You're invited to watch ${tenant.name}`,
      heading: `${tenant.name} invited you to watch its videos`,
      ...(tenant.viewer_site_url ? { action: { label: `Watch on ${tenant.name}'s site`, url: tenant.viewer_site_url } } : {}),
      paragraphs: [
        `Sign in ${where} (the player asks you to sign in) with this email address and this temporary password:`,
        `Temporary password: ${temporaryPassword}`,
        'At your first sign-in you choose your own password. The temporary one works only once.',
      ],
      footnote: `You got this email because ${tenant.name} invited ${to}. If you did not expect it, ignore it.`,
    },
  });
}

export async function resendViewerInvitation(deps: Deps, tenantId: string, viewerId: string): Promise<{ viewerId: string; email: string }> {
  const tenant = await deps.db.selectFrom('tenants').select('viewer_pool_id').where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw notFound('The site');
  if (!tenant.viewer_pool_id) throw notReady('Viewer accounts are still being set up for this workspace. Try again shortly.');
  const renewed = await deps.identity.renewTemporaryPassword(tenant.viewer_pool_id, viewerId);
  await sendViewerInvitation(deps, tenantId, renewed.email, renewed.temporaryPassword);
  return { viewerId, email: renewed.email };
}
