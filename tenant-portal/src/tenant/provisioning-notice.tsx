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
  if (tenant.status === 'offboarding' || tenant.status === 'offboarded') {
    return (
      <p className="notice" role="status">
        This workspace has been closed{tenant.status === 'offboarding' ? ' and its videos are being deleted' : ''}. Contact support if this is unexpected.
      </p>
    );
  }
  // Only the aws shape reports steps: its delivery network (a CDN distribution) takes minutes, the local one seconds.
  if (!tenant.provisioningStep) {
    return (
      <p className="notice" role="status">
        <span className="spinner" aria-hidden="true" /> Your workspace is being set up (storage, signing keys, viewer accounts). This takes a few seconds.
        {tenant.failureReason ? ` ${tenant.failureReason}` : ''}
      </p>
    );
  }
  const current = SETUP_STEPS.findIndex((step) => step.id === tenant.provisioningStep);
  return (
    <div className="notice" role="status">
      <p>
        <span className="spinner" aria-hidden="true" /> Setting up your delivery network — usually 5–15 minutes. You can leave this page; it keeps going.
      </p>
      <ol className="setup-steps">
        {SETUP_STEPS.map((step, index) => (
          <li key={step.id} aria-current={index === current ? 'step' : undefined}>
            {index < current ? '✓ ' : ''}
            {step.label}
          </li>
        ))}
      </ol>
      {tenant.failureReason ? <p>{tenant.failureReason}</p> : null}
    </div>
  );
}

/** The steps the control plane reports (ProvisioningStep), then the one that ends the wait. */
const SETUP_STEPS = [
  { id: 'placed', label: 'Reserved your place on the platform' },
  { id: 'applying', label: 'Creating your storage, CDN and viewer sign-in' },
  { id: 'ready', label: 'Ready to upload' },
] as const;
