// The screens shown without a session, by route.
import type { Route } from '../routing/routes.js';
import { EmailLinkPasswordPage } from './email-link-password-page.js';
import { ForgotPasswordPage } from './forgot-password-page.js';
import { LoginPage } from './login-page.js';
import { SignupPage } from './signup-page.js';

export function PublicPage({ route }: { route: Route }) {
  switch (route.name) {
    case 'signup':
      return <SignupPage />;
    case 'forgot-password':
      return <ForgotPasswordPage />;
    case 'accept-invitation':
      return <EmailLinkPasswordPage purpose="invitation" />;
    case 'reset-password':
      return <EmailLinkPasswordPage purpose="password-reset" />;
    default:
      return <LoginPage />;
  }
}
