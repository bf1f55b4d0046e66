// "Forgot your password?": asks for the workspace and the address, and answers the same whether or not that address
// is an admin there (the reset email goes out only if it is).
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { Link } from '../routing/link.js';

export function ForgotPasswordPage() {
  const trpc = useTRPC();
  const [tenantSlug, setTenantSlug] = useState('');
  const [email, setEmail] = useState('');
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ tenantSlug, email });
  };
  return (
    <main className="auth">
      <form className="panel auth-form" onSubmit={submit} aria-labelledby="forgot-title">
        <h1 id="forgot-title">Reset your password</h1>
        {request.isSuccess ? (
          <p className="notice" role="status">
            If {request.variables.email} is an admin of “{request.variables.tenantSlug}”, an email with a link to choose a new password is on its way. The link works once, for one hour.
          </p>
        ) : (
          <>
            <p className="hint">We email you a link to choose a new password.</p>
            <TextField label="Workspace name" value={tenantSlug} onChange={setTenantSlug} required autoCapitalize="none" autoComplete="organization" />
            <TextField label="E-mail" type="email" value={email} onChange={setEmail} required autoComplete="username" />
            <ErrorNotice error={request.error ?? undefined} />
            <button type="submit" className="primary" disabled={request.isPending}>
              {request.isPending ? 'Sending…' : 'Email me a link'}
            </button>
          </>
        )}
        <p className="switch">
          <Link to="/login">Back to sign-in</Link>
        </p>
      </form>
    </main>
  );
}
