import { checkEmbedOrigin } from '@ott/contracts';
import { z } from 'zod';
import { refreshAdminSession, signInAdmin, signOutAdmin } from '../../domain/admins/admin-sessions.js';
import { changeAdminPassword } from '../../domain/admins/change-password.js';
import { describeAdminLink, redeemAdminLink } from '../../domain/admins/admin-email-links.js';
import { requestAdminPasswordReset } from '../../domain/admins/admin-password-reset.js';
import { MAX_LOGO_BYTES, setAccentColor, setLogo } from '../../domain/tenants/branding.js';
import { rotateTenantSigningKey, signingKeyRotation } from '../../domain/playback/key-rotation.js';
import { requestOffboarding } from '../../domain/tenants/offboard-tenant.js';
import { signUpTenant } from '../../domain/tenants/signup.js';
import { getTenant, retryProvisioning, updateTenant } from '../../domain/tenants/tenant-settings.js';
import { signInProcedure } from '../sign-in-procedure.js';
import { answerNewSession, portalCookie, refreshTokenIn, withCookieToken, type SessionAnswer } from '../session-cookie.js';
import { throttlePasswordGuess, type PasswordGuessLimits } from '../throttle-password-guesses.js';
import { adminProcedure, inTenantScope, operatorProcedure, ownerProcedure, publicProcedure, rateLimited, router, signedInAdmin } from '../trpc.js';
import { email, password, slug } from './fields.js';

/** An http(s) origin and nothing else, normalised; the message names the entry and what is wrong with it. */
const embedOrigin = z
  .string()
  .max(300, 'An allowed embed origin can have at most 300 characters')
  .transform((entry, ctx) => {
    const checked = checkEmbedOrigin(entry);
    if ('origin' in checked) return checked.origin;
    ctx.addIssue({ code: 'custom', message: checked.problem });
    return z.NEVER;
  });

export const tenantsRouter = router({
  signup: publicProcedure
    .use(rateLimited('signup', { limit: 10, windowMs: 3600_000 }))
    .input(z.object({ companyName: z.string().trim().min(1, 'Enter your company name').max(120), slug, email, password, refreshTokenIn }))
    .mutation(({ ctx, input: { refreshTokenIn: where, ...signup } }) => answerNewSession(ctx, where, () => signUpTenant(ctx.deps, signup))),
  me: adminProcedure.query(({ ctx }) => getTenant(ctx.deps, ctx.admin.tenantId)),
  update: ownerProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(120).optional(),
        allowedOrigins: z.array(embedOrigin).max(50, 'List at most 50 allowed embed origins').optional(),
        /** Automatic captions for every video once ready, in this language (`en`); null turns them off. */
        automaticCaptionsLanguage: z.string().max(35).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateTenant(ctx.deps, ctx.admin.tenantId, input)),
  retryProvisioning: ownerProcedure.mutation(({ ctx }) => retryProvisioning(ctx.deps, ctx.admin.tenantId)),
  /** The operator ends a tenant: its infrastructure, media and viewers are destroyed by the offboarding job. */
  offboard: operatorProcedure.input(z.object({ tenantId: z.string().uuid() })).mutation(({ ctx, input }) => requestOffboarding(ctx.deps, input.tenantId)),
  /**
   * A new playback signing key, in two phases: it signs once the delivery network trusts it (`pending` until then), and
   * the old key is honoured until its links expire. `retirePrevious` when the old key leaked: its links stop playing as
   * soon as the new key is trusted.
   */
  rotatePlaybackSigningKey: ownerProcedure
    .input(z.object({ retirePrevious: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => rotateTenantSigningKey(ctx.deps, ctx.admin.tenantId, { emergency: input.retirePrevious })),
  /** Where the playback signing key's rotation stands (poll while `pending`). */
  playbackSigningKey: ownerProcedure.query(({ ctx }) => signingKeyRotation(ctx.deps, ctx.admin.tenantId)),
  setAccentColor: adminProcedure
    .input(
      z.object({
        accentColor: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour such as #1a73e8')
          .nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await setAccentColor(ctx.deps, ctx.admin.tenantId, input.accentColor);
      return getTenant(ctx.deps, ctx.admin.tenantId);
    }),
  /** The logo as base64 (at most 512 KB of PNG, JPEG or WebP), or null to remove it. */
  setLogo: adminProcedure
    .input(
      z.object({
        imageBase64: z
          .string()
          .max(Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 4, 'The logo can be at most 512 KB')
          .nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await setLogo(ctx.deps, ctx.admin.tenantId, input.imageBase64 === null ? null : Buffer.from(input.imageBase64, 'base64'));
      return getTenant(ctx.deps, ctx.admin.tenantId);
    }),
});

/** A refresh token in a body; absent, the portal's cookie carries it. */
const bodyRefreshToken = z.object({ refreshToken: z.string().min(10).max(200).optional() }).default({});

/** The random part of an emailed link (crypto/ids.ts opaqueToken: 32 bytes, base64url). */
const emailLinkToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is incomplete: open it from the email again, or copy all of it.');
const emailLinkPurpose = z.enum(['invitation', 'password-reset']);
/** Guessing a 256-bit token is hopeless; the limit keeps a script from hammering the table. */
const EMAIL_LINK_ATTEMPTS = { limit: 30, windowMs: 60_000 };

/** An admin's password guesses: at sign-in, and the current password a password change asks for. */
const ADMIN_PASSWORD_GUESSES: PasswordGuessLimits = { attempts: { limit: 20, windowMs: 60_000 }, failuresPerClient: { limit: 30, windowMs: 3600_000 } };

export const authRouter = router({
  login: signInProcedure('login', ADMIN_PASSWORD_GUESSES)
    .input(z.object({ refreshTokenIn }))
    .mutation(({ ctx, input: { refreshTokenIn: where, ...credentials } }) => answerNewSession(ctx, where, () => signInAdmin(ctx.deps, credentials))),
  /** Rotates the refresh token: the one in the body answers in the body, the portal's cookie answers in the cookie. */
  refresh: publicProcedure
    .use(rateLimited('refresh', { limit: 120, windowMs: 60_000 }))
    .input(bodyRefreshToken)
    .mutation(async ({ ctx, input }): Promise<SessionAnswer> => {
      if (input.refreshToken) return refreshAdminSession(ctx.deps, input.refreshToken);
      const cookie = portalCookie(ctx);
      return cookie.keep(await withCookieToken(cookie, (token) => refreshAdminSession(ctx.deps, token)));
    }),
  /**
   * An admin procedure whose wrong current password is a guess like a failed sign-in: whoever holds a stolen access
   * token cannot test passwords freely. The throttle counts before the tenant scope holds its connection.
   */
  changePassword: publicProcedure
    .use(rateLimited('change-password', ADMIN_PASSWORD_GUESSES.attempts))
    .input(z.object({ currentPassword: z.string().min(1).max(200), newPassword: password, refreshTokenIn }))
    .use(async ({ ctx, next }) => {
      const admin = await signedInAdmin(ctx);
      const guess = { door: 'change-password', account: admin.adminId, misses: 'wrong current passwords' };
      return throttlePasswordGuess(ctx, guess, ADMIN_PASSWORD_GUESSES, () => inTenantScope(ctx, admin, (scoped) => next({ ctx: scoped })));
    })
    .mutation(({ ctx, input: { refreshTokenIn: where, ...change } }) => answerNewSession(ctx, where, () => changeAdminPassword(ctx.deps, ctx.admin, change))),
  /**
   * Who an emailed link (invitation or password reset) is for; refused once it has expired or was used. A mutation
   * only so that the token travels in a POST body: a query would put it in the URL, and URLs end up in access logs.
   */
  emailLink: publicProcedure
    .use(rateLimited('email-link', EMAIL_LINK_ATTEMPTS))
    .input(z.object({ token: emailLinkToken, purpose: emailLinkPurpose }))
    .mutation(({ ctx, input }) => describeAdminLink(ctx.deps, input.token, input.purpose)),
  /** Sets the password an emailed link allows (once), ends the admin's other sessions, and signs this client in. */
  redeemEmailLink: publicProcedure
    .use(rateLimited('email-link', EMAIL_LINK_ATTEMPTS))
    .input(z.object({ token: emailLinkToken, purpose: emailLinkPurpose, newPassword: password, refreshTokenIn }))
    .mutation(({ ctx, input: { refreshTokenIn: where, ...link } }) => answerNewSession(ctx, where, () => redeemAdminLink(ctx.deps, link))),
  /** "Forgot your password?": the same answer whether or not the address is an admin there; the email follows if it is. */
  requestPasswordReset: publicProcedure
    .use(rateLimited('password-reset', { limit: 10, windowMs: 3600_000 }))
    .input(z.object({ tenantSlug: slug, email }))
    .mutation(({ ctx, input }) => requestAdminPasswordReset(ctx.deps, input)),
  /** Ends this device's session (its refresh-token family); the admin's other sessions go on. */
  logout: publicProcedure.input(bodyRefreshToken).mutation(async ({ ctx, input }) => {
    if (input.refreshToken) {
      await signOutAdmin(ctx.deps, input.refreshToken);
    } else {
      const cookie = portalCookie(ctx);
      if (cookie.token) await signOutAdmin(ctx.deps, cookie.token);
      cookie.clear();
    }
    return { signedOut: true };
  }),
});
