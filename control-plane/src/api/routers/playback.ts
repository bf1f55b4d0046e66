import { z } from 'zod';
import { authorizePlayback } from '../../domain/playback/authorize-playback.js';
import { createPlaybackKey, listPlaybackKeys, revokePlaybackKey } from '../../domain/playback/playback-keys.js';
import { adminProcedure, ownerProcedure, publicProcedure, router } from '../trpc.js';
import { uuid } from './fields.js';

export const playbackRouter = router({
  /**
   * Called by the player: no admin session, the credential (viewer JWT or playback token) proves entitlement.
   * `playbackSession`, from an earlier grant of the same load, continues that session (one that is not valid
   * for this video any more just gives way to a new one: playback never fails over it).
   */
  authorize: publicProcedure
    .input(z.object({ videoId: uuid, credential: z.string().min(1).max(8192).optional(), playbackSession: z.string().max(256).optional() }))
    .mutation(({ ctx, input }) => authorizePlayback(ctx.deps, { ...input, origin: ctx.http?.request.headers.origin, country: ctx.viewerCountry }, ctx.playbackRows)),
});

export const playbackKeysRouter = router({
  create: ownerProcedure.input(z.object({ name: z.string().trim().min(1).max(100) })).mutation(({ ctx, input }) => createPlaybackKey(ctx.deps, ctx.admin.tenantId, input.name)),
  list: adminProcedure.query(({ ctx }) => listPlaybackKeys(ctx.deps, ctx.admin.tenantId)),
  revoke: ownerProcedure.input(z.object({ keyId: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    await revokePlaybackKey(ctx.deps, ctx.admin.tenantId, input.keyId);
    return { revoked: true };
  }),
});
