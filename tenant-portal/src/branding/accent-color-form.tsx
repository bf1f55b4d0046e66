import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { Tenant } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToaster } from '../toast/toasts.js';

/** The player's default accent, shown when the tenant has none. */
const DEFAULT_ACCENT = '#1a73e8';

export function AccentColorForm({ tenant }: { tenant: Tenant }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [color, setColor] = useState(tenant.branding.accentColor ?? DEFAULT_ACCENT);
  const toaster = useToaster();
  const save = useMutation(
    trpc.tenants.setAccentColor.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.tenants.me.queryKey(), updated);
        toaster.show(updated.branding.accentColor ? 'Accent colour saved.' : 'The player uses the default accent colour again.');
      },
    }),
  );
  const valid = /^#[0-9a-fA-F]{6}$/.test(color);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ accentColor: color });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Accent colour</h2>
      <div className="color-row">
        <input type="color" aria-label="Pick the accent colour" value={valid ? color : DEFAULT_ACCENT} onChange={(event) => setColor(event.target.value)} />
        <label htmlFor={`${id}-hex`} className="visually-hidden">
          Accent colour as hex
        </label>
        <input id={`${id}-hex`} className="hex" value={color} onChange={(event) => setColor(event.target.value.trim())} pattern="#[0-9a-fA-F]{6}" maxLength={7} aria-invalid={!valid} />
        <button type="submit" className="primary" disabled={!valid || save.isPending || color.toLowerCase() === tenant.branding.accentColor}>
          Save colour
        </button>
        {tenant.branding.accentColor ? (
          <button
            type="button"
            onClick={() => {
              setColor(DEFAULT_ACCENT);
              save.mutate({ accentColor: null });
            }}
          >
            Use the default
          </button>
        ) : null}
      </div>
      <small className="hint">Used for the play button, progress bar and focus rings of the player.</small>
      <ErrorNotice error={save.error ?? undefined} />
    </form>
  );
}
