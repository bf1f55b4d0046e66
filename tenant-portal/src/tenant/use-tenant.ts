import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';

/**
 * The signed-in admin's workspace; polled while it is being set up, so screens follow it to `active`. `fresh` asks
 * the server again each time the screen is shown (the welcome checklist, for changes made elsewhere).
 */
export function useTenant({ fresh = false }: { fresh?: boolean } = {}) {
  const trpc = useTRPC();
  return useQuery(
    trpc.tenants.me.queryOptions(undefined, {
      refetchInterval: (query) => (query.state.data?.status !== 'provisioning' ? false : query.state.data.provisioningStep ? 5000 : 1000),
      ...(fresh ? { refetchOnMount: 'always' as const } : {}),
    }),
  );
}
