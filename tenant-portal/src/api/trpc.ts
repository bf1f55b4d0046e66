// The typed tRPC hooks for React: `useTRPC()` gives query/mutation options for TanStack Query,
// `useTRPCClient()` the plain client for imperative calls (uploads).
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@ott/control-plane/router';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
