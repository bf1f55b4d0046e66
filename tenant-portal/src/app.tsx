import { useEffect } from 'react';
import { LoginPage } from './auth/login-page.js';
import { SignupPage } from './auth/signup-page.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { AppShell } from './layout/app-shell.js';
import { navigate, usePathname } from './routing/navigation.js';
import { RouteView } from './routing/route-view.js';
import { isPublicRoute, routeOf } from './routing/routes.js';
import { useSessionState } from './session/session-context.js';

/** Picks the screen: sign-up and sign-in without a session, the portal with one. */
export function App() {
  const pathname = usePathname();
  const { session } = useSessionState();
  const route = routeOf(pathname);
  const publicRoute = isPublicRoute(route);
  useEffect(() => {
    if (!session && !publicRoute) navigate('/login', { replace: true });
    if (session && publicRoute) navigate('/', { replace: true });
  }, [session, publicRoute]);
  if (!session) {
    return <ErrorBoundary resetKey={pathname}>{route.name === 'signup' ? <SignupPage /> : <LoginPage />}</ErrorBoundary>;
  }
  return (
    <AppShell pathname={pathname}>
      <ErrorBoundary resetKey={pathname}>
        <RouteView route={route} />
      </ErrorBoundary>
    </AppShell>
  );
}
