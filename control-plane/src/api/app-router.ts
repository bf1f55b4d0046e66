import { adminsRouter } from './routers/admins.js';
import { playbackKeysRouter, playbackRouter } from './routers/playback.js';
import { authRouter, tenantsRouter } from './routers/tenants.js';
import { videosRouter } from './routers/videos.js';
import { viewerAuthRouter, viewersRouter } from './routers/viewers.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  tenants: tenantsRouter,
  auth: authRouter,
  admins: adminsRouter,
  videos: videosRouter,
  playback: playbackRouter,
  playbackKeys: playbackKeysRouter,
  viewers: viewersRouter,
  viewerAuth: viewerAuthRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
