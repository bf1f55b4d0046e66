import { z } from 'zod';
import { refreshAdminSession, signInAdmin, signOutAdmin } from '../../domain/admins/admin-sessions.js';
import { changeAdminPassword } from '../../domain/admins/change-password.js';
import { MAX_LOGO_BYTES, setAccentColor, setLogo } from '../../domain/tenants/branding.js';
import { rotateTenantSigningKey } from '../../domain/playback/signing-keys.js';
import { signUpTenant } from '../../domain/tenants/signup.js';
import { getTenant, retryProvisioning, updateTenant } from '../../domain/tenants/tenant-settings.js';
import { signInProcedure } from '../sign-in-procedure.js';
import { adminProcedure, ownerProcedure, publicProcedure, rateLimited, router } from '../trpc.js';
import { email, password, slug } from './fields.js';

export const tenantsRouter = router({
  signup: publicProcedure
    .use(rateLimited('signup', { limit: 10, windowMs: 3600_000 }))
    .input(z.object({ companyName: z.string().trim().min(1, 'Enter your company name').max(120), slug, email, password }))
    .mutation(({ ctx, input }) => signUpTenant(ctx.deps, input)),
  me: adminProcedure.query(({ ctx }) => getTenant(ctx.deps, ctx.admin.tenantId)),
  update: ownerProcedure
    .input(z.object({ name: z.string().trim().min(1).max(120).optional(), allowedOrigins: z.array(z.string().url('Each allowed origin must be a URL such as https://example.com')).max(50).optional() }))
    .mutation(({ ctx, input }) => updateTenant(ctx.deps, ctx.admin.tenantId, input)),
  retryProvisioning: ownerProcedure.mutation(({ ctx }) => retryProvisioning(ctx.deps, ctx.admin.tenantId)),
  /** New playback signing key; `retirePrevious` when the old one may have leaked (grants signed with it stop playing). */
  rotatePlaybackSigningKey: ownerProcedure
    .input(z.object({ retirePrevious: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => rotateTenantSigningKey(ctx.deps, ctx.admin.tenantId, input)),
  setAccentColor: adminProcedure
    .input(z.object({ accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour such as #1a73e8').nullable() }))
    .mutation(async ({ ctx, input }) => {
      await setAccentColor(ctx.deps, ctx.admin.tenantId, input.accentColor);
      return getTenant(ctx.deps, ctx.admin.tenantId);
    }),
  /** The logo as base64 (at most 512 KB of PNG, JPEG or WebP), or null to remove it. */
  setLogo: adminProcedure
    .input(z.object({ imageBase64: z.string().max(Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 4, 'The logo can be at most 512 KB').nullable() }))
    .mutation(async ({ ctx, input }) => {
      await setLogo(ctx.deps, ctx.admin.tenantId, input.imageBase64 === null ? null : Buffer.from(input.imageBase64, 'base64'));
      return getTenant(ctx.deps, ctx.admin.tenantId);
    }),
});

export const authRouter = router({
  login: signInProcedure('login', { attempts: { limit: 20, windowMs: 60_000 }, failuresPerClient: { limit: 30, windowMs: 3600_000 } })
    .mutation(({ ctx, input }) => signInAdmin(ctx.deps, input)),
  refresh: publicProcedure.use(rateLimited('refresh', { limit: 120, windowMs: 60_000 })).input(z.object({ refreshToken: z.string().min(10).max(200) })).mutation(({ ctx, input }) => refreshAdminSession(ctx.deps, input.refreshToken)),
  changePassword: adminProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(200), newPassword: password }))
    .mutation(({ ctx, input }) => changeAdminPassword(ctx.deps, ctx.admin, input)),
  logout: publicProcedure.input(z.object({ refreshToken: z.string().min(10).max(200) })).mutation(async ({ ctx, input }) => {
    await signOutAdmin(ctx.deps, input.refreshToken);
    return { signedOut: true };
  }),
});
