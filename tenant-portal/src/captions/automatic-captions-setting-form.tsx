// The workspace's automatic captions: off (the default) or English for every video once it is ready. Owners change it;
// the engine (pocketsphinx locally) knows US English only, and its captions are a draft to correct in the editor.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { Tenant } from '../api/api-types.js';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToaster } from '../toast/toasts.js';

export function AutomaticCaptionsSettingForm({ tenant, canEdit }: { tenant: Tenant; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const toaster = useToaster();
  const [language, setLanguage] = useState(tenant.automaticCaptionsLanguage ?? '');
  const save = useMutation(
    trpc.tenants.update.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.tenants.me.queryKey(), updated);
        toaster.show(updated.automaticCaptionsLanguage ? 'New videos will get automatic captions.' : 'Automatic captions turned off.');
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ automaticCaptionsLanguage: language === '' ? null : language });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Automatic captions</h2>
      <p className="hint">Speech to text captions every new video once it is ready, marked as automatic. US English only; check them in each video&apos;s caption editor.</p>
      <div className="field">
        <label htmlFor={`${id}-language`}>For every new video</label>
        <select id={`${id}-language`} value={language} onChange={(event) => setLanguage(event.target.value)} disabled={!canEdit}>
          <option value="">Off</option>
          <option value="en">English (automatic)</option>
        </select>
      </div>
      <ErrorNotice error={save.error ?? undefined} />
      {canEdit ? (
        <p className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save
          </button>
        </p>
      ) : (
        <p className="hint">Only the workspace owner can change this.</p>
      )}
    </form>
  );
}
