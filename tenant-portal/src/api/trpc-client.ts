import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client';
import type { AppRouter } from '@ott/control-plane/router';
import { TRPC_MAX_BATCH_CALLS } from '@ott/contracts';

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * The API client. `accessToken` is asked for before every request, so a token about to expire is
 * refreshed first; it returns undefined for public calls (sign-up, sign-in).
 */
export function createApiClient(api: string, accessToken: () => Promise<string | undefined> = async () => undefined) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${api}/trpc`,
        // The most the API takes in one request: more calls at once go out as several requests.
        maxItems: TRPC_MAX_BATCH_CALLS,
        async headers() {
          const token = await accessToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}

/** For auth.refresh and auth.logout: each call on its own URL, the only one its refresh cookie is sent to. */
export function createSessionClient(api: string): ApiClient {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${api}/trpc` })] });
}
