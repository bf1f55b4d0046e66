// Every REST route (/v1), area by area. An area's file exports its routes; add one line here for a new area.
import type { RestRoute } from './rest-route.js';
import { audioTracksRoutes } from './routes/audio-tracks.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { chaptersRoutes } from './routes/chapters.js';
import { clipsRoutes } from './routes/clips.js';
import { collectionsRoutes } from './routes/collections.js';
import { directUploadsRoutes } from './routes/direct-uploads.js';
import { availabilityRoutes } from './routes/availability.js';
import { downloadsRoutes } from './routes/downloads.js';
import { videoImportsRoutes } from './routes/video-imports.js';
import { playbackRoutes } from './routes/playback.js';
import { salesRoutes } from './routes/sales.js';
import { seriesRoutes } from './routes/series.js';
import { textTracksRoutes } from './routes/text-tracks.js';
import { usageRoutes } from './routes/usage.js';
import { analyticsRoutes } from './routes/analytics.js';
import { videosRoutes } from './routes/videos.js';
import { viewersRoutes } from './routes/viewers.js';
import { webhooksRoutes } from './routes/webhooks.js';

export const restRoutes: readonly RestRoute[] = [
  ...videosRoutes,
  ...textTracksRoutes,
  ...audioTracksRoutes,
  ...chaptersRoutes,
  ...videoImportsRoutes,
  ...directUploadsRoutes,
  ...playbackRoutes,
  ...viewersRoutes,
  ...usageRoutes,
  ...analyticsRoutes,
  ...webhooksRoutes,
  ...downloadsRoutes,
  ...availabilityRoutes,
  ...clipsRoutes,
  ...catalogueRoutes,
  ...seriesRoutes,
  ...collectionsRoutes,
  ...salesRoutes,
];
