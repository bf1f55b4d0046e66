// The first screen after sign-up: what is happening (the workspace being set up) and what to do next.
import { ErrorNotice } from '../components/error-notice.js';
import { Link } from '../routing/link.js';
import { ProvisioningNotice } from '../tenant/provisioning-notice.js';
import { useTenant } from '../tenant/use-tenant.js';

export function WelcomePage() {
  const tenant = useTenant();
  const ready = tenant.data?.status === 'active';
  return (
    <section className="panel welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome{tenant.data ? `, ${tenant.data.name}` : ''}</h1>
      <ErrorNotice error={tenant.error ?? undefined} />
      {tenant.data ? <ProvisioningNotice tenant={tenant.data} /> : null}
      <ol className="steps">
        <li className={ready ? 'step done' : 'step current'}>
          <strong>Workspace</strong> — {ready ? 'ready.' : 'being set up…'}
        </li>
        <li className={ready ? 'step current' : 'step'}>
          <strong>Upload your first video</strong> — drop a file in the library; it is turned into adaptive streams (1080p down to 360p) automatically.
        </li>
        <li className="step">
          <strong>Embed it</strong> — copy the player snippet from the video's page into your site.
        </li>
      </ol>
      {ready ? (
        <Link to="/" className="button primary">
          Upload your first video
        </Link>
      ) : (
        <button type="button" className="primary" disabled>
          Upload your first video
        </button>
      )}
    </section>
  );
}
