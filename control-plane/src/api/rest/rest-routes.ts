// Every REST route (/v1), area by area. An area's file exports its routes; add one line here for a new area.
import type { RestRoute } from './rest-route.js';
import { videosRoutes } from './routes/videos.js';

export const restRoutes: readonly RestRoute[] = [...videosRoutes];
