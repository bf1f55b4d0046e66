// Where an emailed link lands: an admin's invitation (choose a first password) or a password reset (choose a new
// one). The link's token is in the address's fragment, which the browser never sends to a server; choosing the
// password signs this browser in and ends every other session of the admin.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { Link } from '../routing/link.js';
import { navigate } from '../routing/navigation.js';
import { useSessionStore } from '../session/session-context.js';
import { useToaster } from '../toast/toasts.js';

type Purpose = 'invitation' | 'password-reset';

const TEXT: Record<Purpose, { title: (tenant: string) => string; submit: string; done: (tenant: string) => string }> = {
  invitation: { title: (tenant) => `Join ${tenant}`, submit: 'Accept and sign in', done: (tenant) => `Welcome to ${tenant}` },
  'password-reset': { title: () => 'Choose a new password', submit: 'Save the new password and sign in', done: () => 'Password changed; other sessions were signed out' },
};

export function EmailLinkPasswordPage({ purpose }: { purpose: Purpose }) {
  const trpc = useTRPC();
  const sessions = useSessionStore();
  const toaster = useToaster();
  const [token] = useState(() => window.location.hash.slice(1));
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);
  // Read once, in a POST body (never in a URL a log would keep).
  const link = useMutation(trpc.auth.emailLink.mutationOptions());
  const describe = link.mutate;
  useEffect(() => {
    if (token !== '') describe({ token, purpose });
  }, [describe, token, purpose]);
  const redeem = useMutation(
    trpc.auth.redeemEmailLink.mutationOptions({
      onSuccess: (session) => {
        sessions.signedIn(session);
        toaster.show(TEXT[purpose].done(link.data?.tenantName ?? session.tenantSlug));
        navigate('/', { replace: true });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== confirmation);
    if (password === confirmation) redeem.mutate({ token, purpose, newPassword: password, refreshTokenIn: 'cookie' });
  };
  const text = TEXT[purpose];
  return (
    <main className="auth">
      <form className="panel auth-form" onSubmit={submit} aria-labelledby="email-link-title">
        <h1 id="email-link-title">{text.title(link.data?.tenantName ?? 'OTT Cloud')}</h1>
        {token === '' ? <p className="notice">This page opens from the link in your email. Open the link again, or copy all of it into the address bar.</p> : null}
        <ErrorNotice error={link.error ?? undefined} />
        {link.data ? (
          <>
            <p className="hint">
              Workspace <strong>{link.data.tenantSlug}</strong>, signing in as <strong>{link.data.email}</strong>.
            </p>
            <TextField label="New password" type="password" value={password} onChange={setPassword} required minLength={10} autoComplete="new-password" hint="At least 10 characters." />
            <TextField label="Repeat the new password" type="password" value={confirmation} onChange={setConfirmation} required autoComplete="new-password" />
            {mismatch ? (
              <p className="notice notice-error" role="alert">
                The two passwords differ. Type the same password twice.
              </p>
            ) : null}
            <ErrorNotice error={redeem.error ?? undefined} />
            <button type="submit" className="primary" disabled={redeem.isPending}>
              {redeem.isPending ? 'Saving…' : text.submit}
            </button>
          </>
        ) : null}
        <p className="switch">
          <Link to="/login">Back to sign-in</Link>
        </p>
      </form>
    </main>
  );
}
