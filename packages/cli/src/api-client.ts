// tRPC clients for the control plane. The router is imported as a type only: the CLI never loads server code.
import type { AppRouter } from '@ott/control-plane/router';
import { createTRPCClient, httpLink, retryLink, type Operation, type TRPCClient } from '@trpc/client';
import { AccessTokens } from './access-tokens.js';
import { isUnauthorized } from './api-errors.js';
import type { CliContext } from './cli-context.js';

export type ApiClient = TRPCClient<AppRouter>;

/** For calls that need no admin session: sign-up, login, refresh, logout, playback authorisation. */
export function createPublicClient(ctx: Pick<CliContext, 'api' | 'fetch'>): ApiClient {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${ctx.api}/trpc`, fetch: ctx.fetch })] });
}

/** Sends the saved admin session, refreshing it before expiry and once more if the server refuses it. */
export function createAdminClient(ctx: Pick<CliContext, 'api' | 'fetch' | 'configDir' | 'clock'>): ApiClient {
  const publicClient = createPublicClient(ctx);
  const tokens = new AccessTokens(ctx, (refreshToken) => publicClient.auth.refresh.mutate({ refreshToken }));
  const sentWith = new WeakMap<Operation, string>();
  return createTRPCClient<AppRouter>({
    links: [
      retryLink({ retry: ({ op, error, attempts }) => attempts === 1 && isUnauthorized(error) && tokens.refusedToken(sentWith.get(op)) }),
      httpLink({
        url: `${ctx.api}/trpc`,
        fetch: ctx.fetch,
        headers: async ({ op }) => {
          const token = await tokens.current();
          sentWith.set(op, token);
          return { authorization: `Bearer ${token}` };
        },
      }),
    ],
  });
}

/** Shapes as they arrive over the wire: dates are ISO strings, since the server configures no transformer. */
export type VideoDetails = Awaited<ReturnType<ApiClient['videos']['get']['query']>>;
export type VideoSummary = Awaited<ReturnType<ApiClient['videos']['list']['query']>>['data'][number];
export type VideoStatus = VideoSummary['status'];
export type AccessMode = VideoSummary['accessMode'];
