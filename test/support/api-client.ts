import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@ott/control-plane/router';

/** The typed tRPC client over HTTP, as the portal and the CLI use it. */
export function apiClient(apiUrl: string, accessToken?: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${apiUrl}/trpc`, headers: () => (accessToken ? { authorization: `Bearer ${accessToken}` } : {}) })],
  });
}

export type ApiClient = TRPCClient<AppRouter>;
