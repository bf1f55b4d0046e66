import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { Link } from '../routing/link.js';
import { navigate } from '../routing/navigation.js';
import { useSessionState, useSessionStore } from '../session/session-context.js';

export function LoginPage() {
  const trpc = useTRPC();
  const sessions = useSessionStore();
  const { notice } = useSessionState();
  const [tenantSlug, setTenantSlug] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (session) => {
        sessions.signedIn(session);
        navigate('/', { replace: true });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ tenantSlug, email, password, refreshTokenIn: 'cookie' });
  };
  return (
    <main className="auth">
      <form className="panel auth-form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to OTT Cloud</h1>
        {notice && !login.error ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <TextField label="Workspace name" value={tenantSlug} onChange={setTenantSlug} required autoCapitalize="none" autoComplete="organization" />
        <TextField label="E-mail" type="email" value={email} onChange={setEmail} required autoComplete="username" />
        <TextField label="Password" type="password" value={password} onChange={setPassword} required autoComplete="current-password" />
        <ErrorNotice error={login.error ?? undefined} />
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="switch">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p className="switch">
          New here? <Link to="/signup">Create a workspace</Link>
        </p>
      </form>
    </main>
  );
}
