import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';

/** The signed-in admin's workspace; polled while it is being set up, so screens follow it to `active`. */
export function useTenant() {
  const trpc = useTRPC();
  return useQuery(trpc.tenants.me.queryOptions(undefined, { refetchInterval: (query) => (query.state.data?.status !== 'provisioning' ? false : query.state.data.provisioningStep ? 5000 : 1000) }));
}
