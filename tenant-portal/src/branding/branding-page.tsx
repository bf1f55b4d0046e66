import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { AutomaticCaptionsSettingForm } from '../captions/automatic-captions-setting-form.js';
import { ErrorNotice } from '../components/error-notice.js';
import { DeliveryDomainCard } from '../delivery/delivery-domain-card.js';
import { PlayerPreview } from '../player/player-preview.js';
import { useSessionState } from '../session/session-context.js';
import { useTenant } from '../tenant/use-tenant.js';
import { AccentColorForm } from './accent-color-form.js';
import { AllowedOriginsForm } from './allowed-origins-form.js';
import { LogoForm } from './logo-form.js';

export function BrandingPage() {
  const trpc = useTRPC();
  const tenant = useTenant();
  const { session } = useSessionState();
  const ready = useQuery(trpc.videos.list.queryOptions({ status: 'ready', sort: 'newest', limit: 20 }));
  const sample = ready.data?.data.find((video) => video.accessMode === 'public');
  if (!tenant.data) return tenant.error ? <ErrorNotice error={tenant.error} /> : <p className="hint">Loading…</p>;
  const { branding } = tenant.data;
  return (
    <section aria-labelledby="branding-title">
      <h1 id="branding-title">Branding</h1>
      <div className="branding-columns">
        <div>
          <LogoForm tenant={tenant.data} />
          <AccentColorForm key={`accent:${branding.accentColor ?? ''}`} tenant={tenant.data} />
          <AllowedOriginsForm key={`origins:${tenant.data.allowedOrigins.join()}`} tenant={tenant.data} canEdit={session?.role === 'owner'} />
          <AutomaticCaptionsSettingForm key={`captions:${tenant.data.automaticCaptionsLanguage ?? ''}`} tenant={tenant.data} canEdit={session?.role === 'owner'} />
          <DeliveryDomainCard canEdit={session?.role === 'owner'} />
        </div>
        <section className="panel" aria-labelledby="branding-preview-title">
          <h2 id="branding-preview-title">Preview</h2>
          {sample ? (
            <>
              <PlayerPreview videoId={sample.id} brandingVersion={`${branding.accentColor ?? ''}|${branding.logoUrl ?? ''}`} label={`Branded preview of ${sample.title}`} />
              <p className="hint">Your newest public video, in the player as your viewers see it.</p>
            </>
          ) : (
            <p className="hint">Upload a public video to see your branding in the player.</p>
          )}
          {branding.showPlatformLogo ? <p className="hint">On the {tenant.data.plan.name} plan the player also shows the OTT Cloud mark.</p> : null}
        </section>
      </div>
    </section>
  );
}
