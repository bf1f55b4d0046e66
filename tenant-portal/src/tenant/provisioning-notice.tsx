import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import type { Tenant } from '../api/api-types.js';

/** Says what is happening while the workspace is not active yet, and offers a retry when setting it up failed. */
export function ProvisioningNotice({ tenant }: { tenant: Tenant }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(trpc.tenants.retryProvisioning.mutationOptions({ onSuccess: (updated) => queryClient.setQueryData(trpc.tenants.me.queryKey(), updated) }));
  if (tenant.status === 'active') return null;
  if (tenant.status === 'failed') {
    return (
      <div className="notice notice-error" role="alert">
        <p>{tenant.failureReason ?? 'Setting up your workspace failed.'}</p>
        <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
          Retry setting up
        </button>
        <ErrorNotice error={retry.error ?? undefined} />
      </div>
    );
  }
  return (
    <p className="notice" role="status">
      <span className="spinner" aria-hidden="true" /> Your workspace is being set up (storage, signing keys, viewer accounts). This takes a few seconds.
      {tenant.failureReason ? ` ${tenant.failureReason}` : ''}
    </p>
  );
}
