import { formatDate } from '../format/format.js';
import { ConfirmButton } from './confirm-button.js';

/** A key's status cell: when it was revoked, or a Revoke button (asking first) for the owner, or "Active". */
export function RevokeStatus({ revokedAt, canRevoke, question, busy, onRevoke }: { revokedAt: string | Date | null; canRevoke: boolean; question: string; busy: boolean; onRevoke: () => void }) {
  if (revokedAt) return <>{`Revoked ${formatDate(revokedAt)}`}</>;
  if (!canRevoke) return <>Active</>;
  return <ConfirmButton label="Revoke" question={question} confirmLabel="Yes, revoke" busy={busy} onConfirm={onRevoke} />;
}
