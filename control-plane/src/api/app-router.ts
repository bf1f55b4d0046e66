import { adminsRouter } from './routers/admins.js';
import { apiKeysRouter } from './routers/api-keys.js';
import { chaptersRouter } from './routers/chapters.js';
import { analyticsRouter } from './routers/analytics.js';
import { billingRouter, operatorRouter } from './routers/billing.js';
import { audioTracksRouter } from './routers/audio-tracks.js';
import { captionsRouter } from './routers/captions.js';
import { catalogueRouter } from './routers/catalogue.js';
import { collectionsRouter } from './routers/collections.js';
import { clipsRouter } from './routers/clips.js';
import { customDomainsRouter } from './routers/custom-domains.js';
import { availabilityRouter } from './routers/availability.js';
import { downloadsRouter } from './routers/downloads.js';
import { inboxRouter } from './routers/inbox.js';
import { playbackKeysRouter, playbackRouter } from './routers/playback.js';
import { qoeRouter } from './routers/qoe.js';
import { salesRouter, viewerSalesRouter } from './routers/sales.js';
import { seriesRouter } from './routers/series.js';
import { storefrontRouter } from './routers/storefront.js';
import { authRouter, tenantsRouter } from './routers/tenants.js';
import { usageRouter } from './routers/usage.js';
import { videosRouter } from './routers/videos.js';
import { videoImagesRouter } from './routers/video-images.js';
import { viewerAuthRouter, viewersRouter } from './routers/viewers.js';
import { viewerLibraryRouter } from './routers/viewer-library.js';
import { webhooksRouter } from './routers/webhooks.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  tenants: tenantsRouter,
  auth: authRouter,
  admins: adminsRouter,
  videos: videosRouter,
  audioTracks: audioTracksRouter,
  captions: captionsRouter,
  chapters: chaptersRouter,
  videoImages: videoImagesRouter,
  playback: playbackRouter,
  playbackKeys: playbackKeysRouter,
  viewers: viewersRouter,
  viewerAuth: viewerAuthRouter,
  viewerLibrary: viewerLibraryRouter,
  qoe: qoeRouter,
  analytics: analyticsRouter,
  usage: usageRouter,
  billing: billingRouter,
  operator: operatorRouter,
  customDomains: customDomainsRouter,
  apiKeys: apiKeysRouter,
  webhooks: webhooksRouter,
  inbox: inboxRouter,
  downloads: downloadsRouter,
  availability: availabilityRouter,
  clips: clipsRouter,
  catalogue: catalogueRouter,
  series: seriesRouter,
  collections: collectionsRouter,
  sales: salesRouter,
  viewerSales: viewerSalesRouter,
  storefront: storefrontRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
