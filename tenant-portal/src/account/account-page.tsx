import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { useSessionState, useSessionStore } from '../session/session-context.js';
import { useToaster } from '../toast/toasts.js';

/** The signed-in admin's own account: change the password (the first thing to do with a temporary one). */
export function AccountPage() {
  const trpc = useTRPC();
  const sessions = useSessionStore();
  const { session } = useSessionState();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const toaster = useToaster();
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      // The server ends every other session and hands this tab a fresh one.
      onSuccess: (fresh) => {
        sessions.signedIn(fresh);
        setCurrentPassword('');
        setNewPassword('');
        setRepeated('');
        toaster.show('Password changed.');
      },
    }),
  );
  const mismatch = repeated !== '' && repeated !== newPassword;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mismatch) change.mutate({ currentPassword, newPassword, refreshTokenIn: 'cookie' });
  };
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <p className="hint">
        {session?.email} · {session?.role === 'owner' ? 'Owner' : 'Admin'} of {session?.tenantSlug}
      </p>
      <form className="panel narrow-panel" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">Change password</h2>
        <TextField label="Current password" type="password" value={currentPassword} onChange={setCurrentPassword} required autoComplete="current-password" />
        <TextField
          label="New password"
          type="password"
          value={newPassword}
          onChange={setNewPassword}
          required
          minLength={10}
          autoComplete="new-password"
          hint="At least 10 characters. Your other sessions end when you change it."
        />
        <TextField label="Repeat the new password" type="password" value={repeated} onChange={setRepeated} required autoComplete="new-password" aria-invalid={mismatch} />
        {mismatch ? (
          <p className="notice notice-error" role="alert">
            The two new passwords differ.
          </p>
        ) : null}
        <ErrorNotice error={change.error ?? undefined} />
        <p className="actions">
          <button type="submit" className="primary" disabled={change.isPending || mismatch}>
            Change password
          </button>
        </p>
      </form>
    </section>
  );
}
