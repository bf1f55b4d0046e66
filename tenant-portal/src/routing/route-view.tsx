import { AccountPage } from '../account/account-page.js';
import { AdminsPage } from '../admins/admins-page.js';
import { AnalyticsPage } from '../analytics/analytics-page.js';
import { WelcomePage } from '../auth/welcome-page.js';
import { BrandingPage } from '../branding/branding-page.js';
import { CollectionsPage } from '../catalogue/collections-page.js';
import { SeriesListPage, SeriesPage } from '../catalogue/series-page.js';
import { DevelopersPage } from '../developers/developers-page.js';
import { InboxPage } from '../inbox/inbox-page.js';
import { SigningSecretsPage } from '../keys/signing-secrets-page.js';
import { LibraryPage } from '../library/library-page.js';
import { UsagePage } from '../usage/usage-page.js';
import { VideoPage } from '../video/video-page.js';
import { ViewersPage } from '../viewers/viewers-page.js';
import { SalesPage } from '../sales/sales-page.js';
import { WebhooksPage } from '../webhooks/webhooks-page.js';
import { Link } from './link.js';
import type { Route } from './routes.js';

/** The signed-in page for a route. */
export function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'welcome':
      return <WelcomePage />;
    case 'video':
      return <VideoPage key={route.videoId} videoId={route.videoId} />;
    case 'series':
      return <SeriesListPage />;
    case 'series-detail':
      return <SeriesPage key={route.seriesId} seriesId={route.seriesId} />;
    case 'collections':
      return <CollectionsPage />;
    case 'branding':
      return <BrandingPage />;
    case 'viewers':
      return <ViewersPage />;
    case 'sales':
      return <SalesPage />;
    case 'signing-secrets':
      return <SigningSecretsPage />;
    case 'developers':
      return <DevelopersPage />;
    case 'webhooks':
      return <WebhooksPage />;
    case 'admins':
      return <AdminsPage />;
    case 'usage':
      return <UsagePage />;
    case 'analytics':
      return <AnalyticsPage />;
    case 'account':
      return <AccountPage />;
    case 'inbox':
      return <InboxPage />;
    case 'library':
      return <LibraryPage />;
    default:
      return (
        <section className="panel">
          <h1>Page not found</h1>
          <p>
            Nothing lives at this address. <Link to="/">Go to the library</Link>.
          </p>
        </section>
      );
  }
}
