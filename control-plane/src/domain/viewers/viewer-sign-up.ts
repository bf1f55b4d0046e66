// Viewers who create their own account, where the tenant opened sign-up (a storefront, a free registration wall):
// the e-mail address first proves it is theirs with a code the platform sends, and only then does the viewer pool get
// the account, with the password the viewer chose. Nothing enters the pool for an address nobody confirmed, and the
// first step answers alike whether or not the address already has an account.
import { checkEmailedCode, newEmailedCode } from '../../crypto/emailed-code.js';
import type { ViewerTokens } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { forbidden, invalid, notFound, notReady, wrongResetCode } from '../errors.js';
import { sendTenantEmail } from '../email/send-tenant-email.js';
import { recordWebhookEvent } from '../webhooks/record-webhook-event.js';

type Deps = Pick<DomainDeps, 'db' | 'identity' | 'clock'>;

/** Unconfirmed sign-ups are kept this long past their code's hour, then forgotten by the next request. */
const FORGET_AFTER_MS = 24 * 3600_000;

const expiredSignUpCode = () => invalid('The code has expired — start the sign-up again for a new one.');

async function openSite(deps: Deps, tenantSlug: string) {
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'name', 'viewer_pool_id', 'viewer_sign_up']).where('slug', '=', tenantSlug).executeTakeFirst();
  if (!tenant) throw notFound('The site');
  if (!tenant.viewer_sign_up) throw forbidden(`${tenant.name} does not take sign-ups here: ask them for an invitation.`);
  if (!tenant.viewer_pool_id) throw notReady('Viewer accounts are still being set up for this site. Try again shortly.');
  return { id: tenant.id, name: tenant.name, poolId: tenant.viewer_pool_id };
}

/** Step one: a code to the address. Asking again replaces the code (the older one stops working). */
export async function startViewerSignUp(deps: Deps & Pick<DomainDeps, 'email' | 'urls'>, input: { tenantSlug: string; email: string }): Promise<{ codeSentTo: string; expiresAt: Date }> {
  const site = await openSite(deps, input.tenantSlug);
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const { code, hash, expiresAt } = await newEmailedCode(now);
  await deps.db
    .deleteFrom('viewer_sign_ups')
    .where('tenant_id', '=', site.id)
    .where('expires_at', '<', new Date(now.getTime() - FORGET_AFTER_MS))
    .execute();
  await deps.db
    .insertInto('viewer_sign_ups')
    .values({ tenant_id: site.id, email, code_hash: hash, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['tenant_id', 'email']).doUpdateSet({ code_hash: hash, expires_at: expiresAt, attempts: 0 }))
    .execute();
  await sendTenantEmail(deps, {
    tenantId: site.id,
    kind: 'viewer-sign-up',
    to: email,
    content: {
      subject: `Your code to create your ${site.name} account`,
      heading: 'Confirm your e-mail address',
      paragraphs: [
        `Someone (we hope you) is creating an account to watch ${site.name}'s videos with this address. Type this code where you signed up:`,
        `Code: ${code}`,
        `It works once, for one hour (until ${expiresAt.toUTCString()}).`,
      ],
      footnote: 'If it was not you, ignore this email: no account is made without the code.',
    },
  });
  return { codeSentTo: email, expiresAt };
}

/**
 * Step two: the code and the chosen password make the account, and the viewer is signed in. An address that already
 * has an account is told so here, to whoever holds its mail, and never at step one.
 */
export async function completeViewerSignUp(deps: Deps, input: { tenantSlug: string; email: string; code: string; password: string }): Promise<ViewerTokens> {
  const site = await openSite(deps, input.tenantSlug);
  const email = input.email.trim().toLowerCase();
  const pending = await deps.db.selectFrom('viewer_sign_ups').select(['code_hash', 'expires_at', 'attempts']).where('tenant_id', '=', site.id).where('email', '=', email).executeTakeFirst();
  const checked = await checkEmailedCode(pending && { hash: pending.code_hash, expiresAt: pending.expires_at, attempts: pending.attempts }, input.code, deps.clock.now());
  if (!pending || checked === 'expired') throw expiredSignUpCode();
  if (checked === 'wrong') {
    await deps.db
      .updateTable('viewer_sign_ups')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('tenant_id', '=', site.id)
      .where('email', '=', email)
      .execute();
    throw wrongResetCode();
  }
  // The pool makes the account once per address, so two answers racing with the same code cannot both make one; a
  // password the pool refuses leaves the code working for a better one.
  const { viewerId } = await deps.identity.createViewer(site.poolId, email, input.password);
  await deps.db.deleteFrom('viewer_sign_ups').where('tenant_id', '=', site.id).where('email', '=', email).execute();
  await recordWebhookEvent(deps.db, { tenantId: site.id, type: 'viewer.signed_up', data: { viewerId, email }, now: deps.clock.now() });
  const signedIn = await deps.identity.signIn(site.poolId, email, input.password);
  if (signedIn.kind !== 'signed-in') throw new Error('a viewer who chose their password was asked for a new one');
  return { idToken: signedIn.idToken, expiresAt: signedIn.expiresAt };
}

/** Whether anyone may create a viewer account (the tenant's choice; off until they open it). */
export async function viewerSignUpOpen(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<{ open: boolean }> {
  const tenant = await deps.db.selectFrom('tenants').select('viewer_sign_up').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return { open: tenant.viewer_sign_up };
}

export async function setViewerSignUpOpen(deps: Pick<DomainDeps, 'db'>, tenantId: string, open: boolean): Promise<{ open: boolean }> {
  await deps.db.updateTable('tenants').set({ viewer_sign_up: open }).where('id', '=', tenantId).execute();
  return { open };
}
