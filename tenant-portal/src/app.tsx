import { useEffect } from 'react';
import { PublicPage } from './auth/public-page.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { AppShell } from './layout/app-shell.js';
import { navigate, usePathname } from './routing/navigation.js';
import { RouteView } from './routing/route-view.js';
import { isPublicRoute, routeOf } from './routing/routes.js';
import { useSessionState } from './session/session-context.js';

/** Picks the screen: sign-up and sign-in without a session, the portal with one, a wait while a reload restores it. */
export function App() {
  const pathname = usePathname();
  const { session, restoring, notice } = useSessionState();
  const route = routeOf(pathname);
  const publicRoute = isPublicRoute(route);
  useEffect(() => {
    // The address stays as it is while the session comes back: a reloaded page shows where it was.
    if (restoring) return;
    if (!session && !publicRoute) navigate('/login', { replace: true });
    if (session && publicRoute) navigate('/', { replace: true });
  }, [session, publicRoute, restoring]);
  if (restoring) {
    return (
      <main className="auth">
        <p className={notice ? 'notice' : 'hint'} role="status">
          {notice ? `${notice} Trying again…` : 'Restoring your session…'}
        </p>
      </main>
    );
  }
  if (!session) {
    return (
      <ErrorBoundary resetKey={pathname}>
        <PublicPage route={route} />
      </ErrorBoundary>
    );
  }
  return (
    <AppShell pathname={pathname}>
      <ErrorBoundary resetKey={pathname}>
        <RouteView route={route} />
      </ErrorBoundary>
    </AppShell>
  );
}
