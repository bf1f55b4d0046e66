import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '../api/trpc.js';
import { Link } from '../routing/link.js';
import { useSessionState, useSessionStore } from '../session/session-context.js';
import { useTenant } from '../tenant/use-tenant.js';

const NAV = [
  { to: '/', label: 'Library' },
  { to: '/branding', label: 'Branding' },
  { to: '/viewers', label: 'Viewers' },
  { to: '/developers', label: 'Developers' },
  { to: '/signing-secrets', label: 'Playback signing secrets' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/admins', label: 'Admins' },
  { to: '/usage', label: 'Usage & billing' },
  { to: '/account', label: 'Account' },
  // Only where mail stays on this machine (the local shape without SMTP).
  { to: '/inbox', label: 'Inbox', developmentOnly: true },
];

/** Header and navigation around the signed-in pages. */
export function AppShell({ pathname, children }: { pathname: string; children: ReactNode }) {
  const sessions = useSessionStore();
  const { session } = useSessionState();
  const tenant = useTenant();
  const trpc = useTRPC();
  const inbox = useQuery(trpc.inbox.list.queryOptions({ limit: 1 }));
  const current = (to: string) => (to === '/' ? pathname === '/' || pathname.startsWith('/videos/') : pathname.startsWith(to));
  return (
    <div className="shell">
      <header className="top">
        <Link to="/" className="brand">
          {tenant.data?.branding.logoUrl ? <img src={tenant.data.branding.logoUrl} alt="" className="brand-logo" /> : null}
          <span>{tenant.data?.name ?? session?.tenantSlug ?? 'OTT Cloud'}</span>
        </Link>
        <span className="who">
          <span className="who-email">{session?.email}</span>
          <button type="button" onClick={() => void sessions.signOut()}>
            Sign out
          </button>
        </span>
        <nav aria-label="Portal">
          <ul>
            {NAV.filter((item) => !item.developmentOnly || inbox.data?.available).map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={current(item.to) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
