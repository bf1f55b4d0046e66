import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { Tenant } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToaster } from '../toast/toasts.js';
import { parseAllowedOrigins } from './allowed-origins.js';

export function AllowedOriginsForm({ tenant, canEdit }: { tenant: Tenant; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState(tenant.allowedOrigins.join('\n'));
  const [problems, setProblems] = useState<string[]>([]);
  const toaster = useToaster();
  const save = useMutation(
    trpc.tenants.update.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.tenants.me.queryKey(), updated);
        setText(updated.allowedOrigins.join('\n'));
        toaster.show('Allowed embed origins saved.');
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseAllowedOrigins(text, window.location.origin);
    setProblems(parsed.problems);
    if (parsed.problems.length === 0) save.mutate({ allowedOrigins: parsed.origins });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Allowed embed origins</h2>
      <p className="hint">
        Sites allowed to play your videos, one per line (for example https://www.example.com). Leave empty to allow every site. This portal&apos;s own address is kept in the list so previews go on
        playing.
      </p>
      <label htmlFor={`${id}-origins`} className="visually-hidden">
        Allowed embed origins, one per line
      </label>
      <textarea id={`${id}-origins`} rows={4} value={text} onChange={(event) => setText(event.target.value)} readOnly={!canEdit} placeholder="https://www.example.com" />
      {problems.length > 0 ? (
        <p className="notice notice-error" role="alert">
          {problems.join(' ')}
        </p>
      ) : null}
      <ErrorNotice error={save.error ?? undefined} />
      {canEdit ? (
        <p className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save origins
          </button>
        </p>
      ) : (
        <p className="hint">Only the workspace owner can change this list.</p>
      )}
    </form>
  );
}
