// A tenant's viewers, through the IdentityProvider port (built-in issuer locally, Cognito in aws).
import { verifyPassword } from '../../crypto/passwords.js';
import type { DomainDeps } from '../deps.js';
import { expiredNewPasswordSession, expiredResetCode, notFound, notReady, wrongViewerCredentials } from '../errors.js';
import { sendTenantEmail } from '../email/send-tenant-email.js';
import { recordWebhookEvent } from '../webhooks/record-webhook-event.js';
import { forgetViewerLibrary } from './viewer-library.js';
import { forgetViewerAnalytics } from '../analytics/forget-viewer-analytics.js';
import { sendViewerInvitation } from './viewer-invitations.js';

type Deps = Pick<DomainDeps, 'db' | 'identity' | 'clock'>;

function findTenant(deps: Deps, where: { tenantId: string } | { tenantSlug: string }) {
  const query = deps.db.selectFrom('tenants').select(['id', 'name', 'viewer_pool_id']);
  return ('tenantId' in where ? query.where('id', '=', where.tenantId) : query.where('slug', '=', where.tenantSlug)).executeTakeFirst();
}

function poolOf(tenant: { viewer_pool_id: string | null } | undefined): string {
  if (!tenant) throw notFound('The site');
  if (!tenant.viewer_pool_id) throw notReady('Viewer accounts are still being set up for this workspace. Try again shortly.');
  return tenant.viewer_pool_id;
}

async function poolOfTenant(deps: Deps, where: { tenantId: string } | { tenantSlug: string }): Promise<string> {
  return poolOf(await findTenant(deps, where));
}

/** The viewer gets the temporary password by email, never the admin: it must be changed at first sign-in. */
export async function inviteViewer(deps: Deps & Pick<DomainDeps, 'email' | 'urls'>, tenantId: string, email: string) {
  const invited = await deps.identity.inviteViewer(await poolOfTenant(deps, { tenantId }), email);
  // After the pool changed (the identity provider is not in the database's transaction); never the temporary password.
  await recordWebhookEvent(deps.db, { tenantId, type: 'viewer.invited', data: { viewerId: invited.viewerId, email }, now: deps.clock.now() });
  await sendViewerInvitation(deps, tenantId, email, invited.temporaryPassword);
  return { viewerId: invited.viewerId, email, status: 'invited' as const };
}

/** One page of the tenant's viewers: `cursor` is the previous page's `nextCursor` (the pool's own pagination). */
export async function listViewers(deps: Deps, tenantId: string, page: { limit: number; cursor?: string }) {
  return deps.identity.listViewers(await poolOfTenant(deps, { tenantId }), page);
}

export async function removeViewer(deps: Deps, tenantId: string, viewerId: string): Promise<void> {
  await deps.identity.removeViewer(await poolOfTenant(deps, { tenantId }), viewerId);
  await forgetViewerLibrary(deps, { tenantId, viewerId });
  await forgetViewerAnalytics(deps, { tenantId, viewerId });
  await recordWebhookEvent(deps.db, { tenantId, type: 'viewer.removed', data: { viewerId }, now: deps.clock.now() });
}

export async function viewerSignIn(deps: Deps, input: { tenantSlug: string; email: string; password: string }) {
  const tenant = await findTenant(deps, { tenantSlug: input.tenantSlug });
  if (!tenant) {
    // An unknown workspace answers as a wrong password does, after hashing the password as a sign-in would: neither
    // the message nor the time tells which workspaces exist.
    await verifyPassword(input.password, undefined);
    throw wrongViewerCredentials();
  }
  return deps.identity.signIn(poolOf(tenant), input.email, input.password);
}

export async function viewerCompleteNewPassword(deps: Deps, input: { tenantSlug: string; session: string; newPassword: string }) {
  const tenant = await findTenant(deps, { tenantSlug: input.tenantSlug });
  // No session can be valid for a workspace that does not exist: it answers as a bad session does, so this public step
  // does not tell which workspaces exist.
  if (!tenant) throw expiredNewPasswordSession();
  return deps.identity.completeNewPassword(poolOf(tenant), input.session, input.newPassword);
}

/**
 * "Forgot password?": a code for the viewer, by email. The built-in issuer's code is sent here; Cognito sends its own.
 * The answer is the same whether or not the workspace or the viewer exists.
 */
export async function requestViewerPasswordReset(deps: Deps & Pick<DomainDeps, 'email' | 'urls'>, input: { tenantSlug: string; email: string }): Promise<{ requested: true }> {
  const tenant = await findTenant(deps, { tenantSlug: input.tenantSlug });
  if (!tenant?.viewer_pool_id) return { requested: true };
  const started = await deps.identity.startPasswordReset(tenant.viewer_pool_id, input.email);
  if (started.kind === 'send-code') {
    await sendTenantEmail(deps, {
      tenantId: tenant.id,
      kind: 'viewer-password-reset',
      to: input.email,
      content: {
        subject: `Your code to reset your ${tenant.name} password`,
        heading: 'Reset your password',
        paragraphs: [
          `Someone (we hope you) asked to reset the password you use to watch ${tenant.name}'s videos. Type this code in the player where you asked for it:`,
          `Code: ${started.code}`,
          `It works once, for one hour (until ${started.expiresAt.toUTCString()}).`,
        ],
        footnote: 'If you did not ask, ignore this email: your password stays as it is.',
      },
    });
  }
  return { requested: true };
}

export async function confirmViewerPasswordReset(deps: Deps, input: { tenantSlug: string; email: string; code: string; newPassword: string }): Promise<{ changed: true }> {
  const tenant = await findTenant(deps, { tenantSlug: input.tenantSlug });
  // No code can exist in a workspace that does not: it answers as an old code does.
  if (!tenant) throw expiredResetCode();
  await deps.identity.confirmPasswordReset(poolOf(tenant), input.email, input.code, input.newPassword);
  return { changed: true };
}
