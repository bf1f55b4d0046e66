// Everything the portal shares across pages, made once at start: the API clients, the session store, the
// query cache and the upload manager, wired to each other.
import { MutationCache, QueryCache, QueryClient, type Mutation } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@ott/control-plane/router';
import { endsAdminSession, errorMessage, isFinalError } from './api/api-error.js';
import { apiUrl } from './api/api-url.js';
import { createApiClient, createSessionClient, type ApiClient } from './api/trpc-client.js';
import { createBrowserSessionStore } from './session/browser-session-store.js';
import type { SessionStore } from './session/session-store.js';
import { deletedVideoIds } from './upload/deleted-videos.js';
import { putPartWithXhr } from './upload/put-part.js';
import { ResumeStore } from './upload/resume-store.js';
import { UploadManager } from './upload/upload-manager.js';

export interface PortalServices {
  api: ApiClient;
  sessions: SessionStore;
  queryClient: QueryClient;
  uploads: UploadManager;
}

export function createPortalServices(): PortalServices {
  const sessions = createBrowserSessionStore(createSessionClient(apiUrl()));
  const api = createApiClient(apiUrl(), sessions.accessToken);
  // A rejected token after a refresh means the session is over (admin removed, password changed): say why. The
  // player's own refusals (a preview of a viewers-only video) are the preview's business.
  const onError = (error: unknown) => {
    if (endsAdminSession(error) && sessions.getState().session) sessions.end(errorMessage(error));
  };
  // Whichever screen deleted a video, its upload card goes with it (it would link to nothing).
  const onSuccess = (_data: unknown, variables: unknown, _context: unknown, mutation: Mutation<unknown, unknown, unknown>) => {
    const deleted = deletedVideoIds(mutation.options.mutationKey, variables);
    if (deleted.length > 0) uploads.videosDeleted(deleted);
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError, onSuccess }),
    defaultOptions: { queries: { retry: (failures, error) => failures < 2 && !isFinalError(error), staleTime: 5_000 } },
  });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: api, queryClient });
  const uploads = new UploadManager({
    api,
    tenantId: () => sessions.getState().session?.tenantId,
    resume: new ResumeStore(window.localStorage),
    put: putPartWithXhr,
    now: () => Date.now(),
    onVideoChanged: () => void queryClient.invalidateQueries({ queryKey: trpc.videos.pathKey() }),
  });
  // Another workspace's data must never show after a sign-out and sign-in.
  let tenantId = sessions.getState().session?.tenantId;
  sessions.subscribe(() => {
    const next = sessions.getState().session?.tenantId;
    if (next !== tenantId) {
      uploads.stopAll();
      queryClient.clear();
    }
    tenantId = next;
  });
  return { api, sessions, queryClient, uploads };
}
