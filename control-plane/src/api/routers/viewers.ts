// Viewer pool management (admins) and viewer sign-in (public, per tenant).
import { z } from 'zod';
import { viewerSignInScreen } from '../../domain/playback/viewer-sign-in-screen.js';
import { resendViewerInvitation } from '../../domain/viewers/viewer-invitations.js';
import { setViewerSite, viewerSite } from '../../domain/viewers/viewer-site.js';
import { completeViewerSignUp, setViewerSignUpOpen, startViewerSignUp, viewerSignUpOpen } from '../../domain/viewers/viewer-sign-up.js';
import { confirmViewerPasswordReset, inviteViewer, requestViewerPasswordReset, listViewers, removeViewer, viewerSignIn, viewerCompleteNewPassword } from '../../domain/viewers/viewer-pool.js';
import { signInProcedure } from '../sign-in-procedure.js';
import { throttlePasswordGuess } from '../throttle-password-guesses.js';
import { adminProcedure, publicProcedure, rateLimited, router } from '../trpc.js';
import { email, password, slug, uuid } from './fields.js';

/** A reset code is guessed like a password: the same limits as a viewer's sign-in, counted at their own door. */
const RESET_CODE_LIMITS = { attempts: { limit: 30, windowMs: 60_000 }, failuresPerClient: { limit: 100, windowMs: 3600_000 } };

export const viewersRouter = router({
  /** The temporary password goes to the viewer by email; the answer never carries it. */
  invite: adminProcedure.input(z.object({ email })).mutation(({ ctx, input }) => inviteViewer(ctx.deps, ctx.admin.tenantId, input.email)),
  /** "Where your viewers watch": the site invitations link to; null to say it in words. */
  site: adminProcedure.query(({ ctx }) => viewerSite(ctx.deps, ctx.admin.tenantId)),
  setSite: adminProcedure
    .input(z.object({ url: z.string().max(500, 'A web address can have at most 500 characters').nullable() }))
    .mutation(({ ctx, input }) => setViewerSite(ctx.deps, ctx.admin.tenantId, input.url)),
  /** A new temporary password, by email, for a viewer who has not signed in yet. */
  /** Whether anyone may create a viewer account (confirming their e-mail with a code), or viewers are only invited. */
  signUp: adminProcedure.query(({ ctx }) => viewerSignUpOpen(ctx.deps, ctx.admin.tenantId)),
  setSignUp: adminProcedure.input(z.object({ open: z.boolean() })).mutation(({ ctx, input }) => setViewerSignUpOpen(ctx.deps, ctx.admin.tenantId, input.open)),
  resendInvitation: adminProcedure.input(z.object({ viewerId: uuid })).mutation(({ ctx, input }) => resendViewerInvitation(ctx.deps, ctx.admin.tenantId, input.viewerId)),
  /** One page of viewers (oldest first in the built-in pool; Cognito's order in aws); `cursor` is the previous page's `nextCursor`. */
  list: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50), cursor: z.string().min(1).max(4096).optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => listViewers(ctx.deps, ctx.admin.tenantId, input)),
  remove: adminProcedure.input(z.object({ viewerId: uuid })).mutation(async ({ ctx, input }) => {
    await removeViewer(ctx.deps, ctx.admin.tenantId, input.viewerId);
    return { removed: true };
  }),
});

export const viewerAuthRouter = router({
  // Viewers share addresses more than admins do (schools, hotels, carrier NAT): a wider allowance per address.
  signIn: signInProcedure('viewer-sign-in', { attempts: { limit: 30, windowMs: 60_000 }, failuresPerClient: { limit: 100, windowMs: 3600_000 } }).mutation(({ ctx, input }) =>
    viewerSignIn(ctx.deps, input),
  ),
  completeNewPassword: publicProcedure
    .input(z.object({ tenantSlug: slug, session: z.string().min(1).max(4096), newPassword: password }))
    .mutation(({ ctx, input }) => viewerCompleteNewPassword(ctx.deps, input)),
  /** For the player, before sign-in: the tenant's branding, the poster, and the workspace to sign in to. */
  signInScreen: publicProcedure
    .use(rateLimited('viewer-sign-in-screen', { limit: 120, windowMs: 60_000 }))
    .input(z.object({ videoId: uuid }))
    .query(({ ctx, input }) => viewerSignInScreen(ctx.deps, input.videoId, ctx.playbackRows)),
  /** Emails a code to confirm the address; limited per address (each sends mail), like a reset request. */
  startSignUp: publicProcedure
    .use(rateLimited('viewer-sign-up-request', { limit: 5, windowMs: 60_000 }))
    .input(z.object({ tenantSlug: slug, email }))
    .mutation(({ ctx, input }) => startViewerSignUp(ctx.deps, input)),
  /** The code is guessed like a password: counted at its own door, with the reset code's limits. */
  completeSignUp: publicProcedure
    .use(rateLimited('viewer-sign-up-code', RESET_CODE_LIMITS.attempts))
    .input(z.object({ tenantSlug: slug, email, code: z.string().trim().min(1, 'Type the code from the email').max(20), password }))
    .use(({ ctx, input, next }) => throttlePasswordGuess(ctx, { door: 'viewer-sign-up-code', account: `${input.tenantSlug}\n${input.email}`, misses: 'wrong codes' }, RESET_CODE_LIMITS, next))
    .mutation(({ ctx, input }) => completeViewerSignUp(ctx.deps, input)),
  /** Emails a reset code; limited per address (each sends mail) and answered alike whoever asks. */
  requestPasswordReset: publicProcedure
    .use(rateLimited('viewer-password-reset-request', { limit: 5, windowMs: 60_000 }))
    .input(z.object({ tenantSlug: slug, email }))
    .mutation(({ ctx, input }) => requestViewerPasswordReset(ctx.deps, input)),
  confirmPasswordReset: publicProcedure
    .use(rateLimited('viewer-password-reset-code', RESET_CODE_LIMITS.attempts))
    .input(z.object({ tenantSlug: slug, email, code: z.string().trim().min(1, 'Type the code from the email').max(20), newPassword: password }))
    .use(({ ctx, input, next }) => throttlePasswordGuess(ctx, { door: 'viewer-password-reset-code', account: `${input.tenantSlug}\n${input.email}`, misses: 'wrong codes' }, RESET_CODE_LIMITS, next))
    .mutation(({ ctx, input }) => confirmViewerPasswordReset(ctx.deps, input)),
});
