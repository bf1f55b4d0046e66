import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { Link } from '../routing/link.js';
import { navigate } from '../routing/navigation.js';
import { useSessionStore } from '../session/session-context.js';
import { slugFromCompany } from './workspace-slug.js';

export function SignupPage() {
  const trpc = useTRPC();
  const sessions = useSessionStore();
  const [companyName, setCompanyName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signup = useMutation(
    trpc.tenants.signup.mutationOptions({
      onSuccess: (session) => {
        sessions.signedIn(session);
        navigate('/welcome', { replace: true });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signup.mutate({ companyName, slug: slugEdited ? slug : slugFromCompany(companyName), email, password, refreshTokenIn: 'cookie' });
  };
  return (
    <main className="auth">
      <form className="panel auth-form" onSubmit={submit} aria-labelledby="signup-title">
        <h1 id="signup-title">Start your video platform</h1>
        <p className="lead">Create a workspace: your own storage, CDN signing keys and viewer accounts, ready in seconds.</p>
        <TextField label="Company name" value={companyName} onChange={setCompanyName} required autoComplete="organization" maxLength={120} />
        <TextField
          label="Workspace name"
          value={slugEdited ? slug : slugFromCompany(companyName)}
          onChange={(value) => {
            setSlugEdited(true);
            setSlug(value);
          }}
          required
          minLength={3}
          maxLength={40}
          pattern="[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
          hint="Lower-case letters, digits and dashes. You sign in with it."
          autoCapitalize="none"
        />
        <TextField label="Work e-mail" type="email" value={email} onChange={setEmail} required autoComplete="email" />
        <TextField label="Password" type="password" value={password} onChange={setPassword} required minLength={10} autoComplete="new-password" hint="At least 10 characters." />
        <ErrorNotice error={signup.error ?? undefined} />
        <button type="submit" className="primary" disabled={signup.isPending}>
          {signup.isPending ? 'Creating your workspace…' : 'Create workspace'}
        </button>
        <p className="switch">
          Already have a workspace? <Link to="/login">Sign in</Link>
        </p>
      </form>
    </main>
  );
}
