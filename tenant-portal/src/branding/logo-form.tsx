import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Tenant } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToaster } from '../toast/toasts.js';
import { fileToBase64, LOGO_TYPES, logoProblem } from './logo-file.js';

export function LogoForm({ tenant }: { tenant: Tenant }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [problem, setProblem] = useState<string>();
  const toaster = useToaster();
  const setLogo = useMutation(
    trpc.tenants.setLogo.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.tenants.me.queryKey(), updated);
        toaster.show(updated.branding.logoUrl ? 'Logo saved: the player shows it now.' : 'Logo removed.');
      },
    }),
  );
  const pick = async (file: File | undefined) => {
    setProblem(undefined);
    if (!file) return;
    const why = logoProblem(file);
    if (why) return setProblem(why);
    setLogo.mutate({ imageBase64: await fileToBase64(file) });
  };
  const logoUrl = tenant.branding.logoUrl;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Logo</h2>
      <div className="logo-row">
        {logoUrl ? <img className="logo-preview" src={logoUrl} alt={`${tenant.name} logo`} /> : <div className="logo-preview logo-empty">No logo</div>}
        <div>
          <label htmlFor={`${id}-file`}>Upload a logo</label>
          <input
            id={`${id}-file`}
            type="file"
            accept={LOGO_TYPES.join(',')}
            disabled={setLogo.isPending}
            onChange={(event) => void pick(event.target.files?.[0]).finally(() => (event.target.value = ''))}
          />
          <small className="hint">PNG, JPEG or WebP, at most 512 KB. It appears in the player's corner.</small>
          {logoUrl ? (
            <p>
              <button type="button" onClick={() => setLogo.mutate({ imageBase64: null })} disabled={setLogo.isPending}>
                Remove logo
              </button>
            </p>
          ) : null}
        </div>
      </div>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorNotice error={setLogo.error ?? undefined} />
      {setLogo.isPending ? <p role="status">Uploading logo…</p> : null}
    </section>
  );
}
