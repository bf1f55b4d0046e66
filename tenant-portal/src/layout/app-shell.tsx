import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTRPC } from '../api/trpc.js';
import { Link } from '../routing/link.js';
import { useSessionState, useSessionStore } from '../session/session-context.js';
import { useTenant } from '../tenant/use-tenant.js';

const NAV = [
  { to: '/', label: 'Library' },
  { to: '/series', label: 'Series' },
  { to: '/collections', label: 'Collections' },
  { to: '/branding', label: 'Branding' },
  { to: '/viewers', label: 'Viewers' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/sales', label: 'Sales' },
  { to: '/developers', label: 'Developers' },
  { to: '/signing-secrets', label: 'Playback signing secrets' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/admins', label: 'Admins' },
  { to: '/usage', label: 'Usage & billing' },
  { to: '/account', label: 'Account' },
  // Only where mail stays on this machine (the local shape without SMTP).
  { to: '/inbox', label: 'Inbox', developmentOnly: true },
];

/** Header and navigation around the signed-in pages; on phones the navigation folds behind a Menu button. */
export function AppShell({ pathname, children }: { pathname: string; children: ReactNode }) {
  const sessions = useSessionStore();
  const { session } = useSessionState();
  const tenant = useTenant();
  const trpc = useTRPC();
  const inbox = useQuery(trpc.inbox.list.queryOptions({ limit: 1 }));
  const current = (to: string) => (to === '/' ? pathname === '/' || pathname.startsWith('/videos/') : pathname.startsWith(to));
  const navId = useId();
  // The page the menu was opened on: going anywhere else (a link, Back) folds it again.
  const [menuOpenOn, setMenuOpenOn] = useState<string>();
  const menuOpen = menuOpenOn === pathname;
  const closeMenu = () => setMenuOpenOn(undefined);
  return (
    <div className="shell">
      <header className="top">
        <Link to="/" className="brand">
          {tenant.data?.branding.logoUrl ? <img src={tenant.data.branding.logoUrl} alt="" className="brand-logo" /> : null}
          <span>{tenant.data?.name ?? session?.tenantSlug ?? 'OTT Cloud'}</span>
        </Link>
        <span className="who">
          <span className="who-email">{session?.email}</span>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpenOn(menuOpen ? undefined : pathname)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') closeMenu();
            }}
          >
            Menu
          </button>
          <button type="button" onClick={() => void sessions.signOut()}>
            Sign out
          </button>
        </span>
        <nav aria-label="Portal" id={navId} className={menuOpen ? 'open' : undefined}>
          <ul>
            {NAV.filter((item) => !item.developmentOnly || inbox.data?.available).map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={current(item.to) ? 'page' : undefined} onClick={closeMenu}>
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
