// The first screen after sign-up: what is happening (the workspace being set up) and what to do next, ticked off
// from the workspace itself each time the admin comes back to it.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Link } from '../routing/link.js';
import { ProvisioningNotice } from '../tenant/provisioning-notice.js';
import { useTenant } from '../tenant/use-tenant.js';
import { welcomeSteps } from './welcome-steps.js';

/** Asked again whenever the page is shown, so steps done elsewhere are ticked on return. */
const FRESH = { refetchOnMount: 'always' } as const;

export function WelcomePage() {
  const trpc = useTRPC();
  const tenant = useTenant({ fresh: true });
  const ready = tenant.data?.status === 'active';
  const videos = useQuery(trpc.videos.list.queryOptions({ limit: 1 }, { ...FRESH, enabled: ready }));
  const hasVideo = (videos.data?.data.length ?? 0) > 0;
  // A first video is on its way: its step ticks as soon as it is ready, without leaving the page.
  const readyVideos = useQuery(
    trpc.videos.list.queryOptions({ status: 'ready', limit: 1 }, { ...FRESH, enabled: ready, refetchInterval: (query) => (hasVideo && query.state.data?.data.length === 0 ? 2000 : false) }),
  );
  const viewers = useQuery(trpc.viewers.list.queryOptions({ limit: 1 }, { ...FRESH, enabled: ready }));
  const branding = tenant.data?.branding;
  const steps = welcomeSteps({
    ready,
    hasVideo,
    readyVideoId: readyVideos.data?.data[0]?.id,
    branded: Boolean(branding?.logoUrl ?? branding?.accentColor),
    hasViewer: (viewers.data?.data.length ?? 0) > 0,
  });
  const next = ready ? steps.find((step) => !step.done) : undefined;
  return (
    <section className="panel welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome{tenant.data ? `, ${tenant.data.name}` : ''}</h1>
      <ErrorNotice error={tenant.error ?? videos.error ?? readyVideos.error ?? viewers.error ?? undefined} />
      {tenant.data ? <ProvisioningNotice tenant={tenant.data} /> : null}
      <ol className="steps" aria-label="Getting started">
        <Step title="Workspace" detail={ready ? 'ready.' : 'being set up…'} done={ready} current={!ready} />
        {steps.map((step) => (
          <Step key={step.title} title={step.title} detail={step.detail} done={ready && step.done} current={step === next} />
        ))}
      </ol>
      {next ? (
        <Link to={next.action.to} className="button primary">
          {next.action.label}
        </Link>
      ) : ready ? (
        <p className="notice" role="status">
          All set: your workspace is ready for viewers.
        </p>
      ) : (
        <button type="button" className="primary" disabled>
          Upload your first video
        </button>
      )}
    </section>
  );
}

function Step({ title, detail, done, current }: { title: string; detail: string; done: boolean; current: boolean }) {
  return (
    <li className={done ? 'step done' : current ? 'step current' : 'step'}>
      <span aria-hidden="true">{done ? '✓' : '○'}</span>
      <span>
        <strong>{title}</strong> — {detail} {done ? <span className="step-state">Done</span> : null}
      </span>
    </li>
  );
}
