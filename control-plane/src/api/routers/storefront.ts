// What a tenant's storefront asks of the API without an admin: recommendations, for anyone, personal when a viewer
// of that site is signed in.
import { z } from 'zod';
import { recommendationSentence } from '@ott/contracts';
import { withTenantScope } from '../../db/tenant-scope.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { recommendationsFor } from '../../domain/storefront/recommendations.js';
import { signedInViewer, type SignedInViewer } from '../../domain/viewers/signed-in-viewer.js';
import type { ApiContext } from '../context.js';
import { publicProcedure, router } from '../trpc.js';
import { slug, uuid } from './fields.js';

export const storefrontRouter = router({
  /**
   * Titles to suggest on the site's home (no `videoId`) or a title page, each with its reason and the sentence that
   * says it. Anonymous visitors get trending and "more like this"; the viewer's ID token as the bearer token adds
   * "because you watched". A missing, expired or other site's token answers as for an anonymous visitor
   * (`personalised: false`) rather than failing: a stale sign-in must not empty the storefront's rows, and the
   * client learns from `personalised` that it should sign in again.
   */
  recommendations: publicProcedure
    .input(z.object({ tenantSlug: slug, videoId: uuid.optional(), limit: z.number().int().min(1, 'Ask for at least 1 title').max(50, 'Ask for at most 50 titles').default(12) }))
    .query(async ({ ctx, input }) => {
      const tenant = await ctx.deps.db.selectFrom('tenants').select(['id', 'name']).where('slug', '=', input.tenantSlug).where('status', '=', 'active').executeTakeFirst();
      if (!tenant) throw notFound('This site');
      const viewer = await viewerIfSignedIn(ctx, input.tenantSlug);
      const recommendations = await withTenantScope(ctx.deps.db, tenant.id, (db) =>
        recommendationsFor({ db, clock: ctx.deps.clock }, { tenantId: tenant.id, viewerId: viewer?.viewerId ?? null, videoId: input.videoId, limit: input.limit }),
      );
      return {
        personalised: viewer !== undefined,
        recommendations: recommendations.map((recommendation) => ({ ...recommendation, sentence: recommendationSentence(recommendation.reason, tenant.name) })),
      };
    }),
});

async function viewerIfSignedIn(ctx: ApiContext, tenantSlug: string): Promise<SignedInViewer | undefined> {
  if (!ctx.accessToken) return undefined;
  try {
    return await signedInViewer(ctx.deps, tenantSlug, ctx.accessToken);
  } catch (error) {
    // Only a refused sign-in falls back to anonymous; anything else (the identity provider down) is a real failure.
    if (error instanceof DomainError && error.kind === 'unauthenticated') return undefined;
    throw error;
  }
}
