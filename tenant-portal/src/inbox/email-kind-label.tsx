import type { AppRouter } from '@ott/control-plane/router';
import type { inferRouterOutputs } from '@trpc/server';

type EmailKind = inferRouterOutputs<AppRouter>['inbox']['get']['kind'];

const LABELS: Record<EmailKind, string> = {
  'viewer-invitation': 'Viewer invitation',
  'admin-invitation': 'Admin invitation',
  'viewer-password-reset': 'Viewer password reset',
  'viewer-sign-up': 'Viewer sign-up code',
  'admin-password-reset': 'Admin password reset',
  'billing-notice': 'Billing notice',
  'purchase-receipt': 'Purchase receipt',
};

/** What kind of message it is, in words. */
export function EmailKindLabel({ kind }: { kind: EmailKind }) {
  return <>{LABELS[kind]}</>;
}
