import { checkDeliveryDomainName, type CustomDomainStatus, type CustomDomainView } from '@ott/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { CopyButton } from '../components/copy-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';
import { TextField } from '../components/text-field.js';

/** While the worker is moving the domain forward, the card asks again this often. */
const POLL_MS = 10_000;

const STATUS_TEXT: Record<CustomDomainStatus, string> = {
  requested: 'Requesting a certificate for your domain…',
  'awaiting-dns-validation': 'Add the validation record below at your DNS host. The certificate is issued a few minutes after it is visible.',
  issued:
    'Certificate issued. Point your domain at your delivery network with the CNAME record below; we switch your videos to it once it resolves. Adding the domain to your delivery network usually takes 5–15 minutes.',
  active: 'Your videos are delivered from this domain.',
  failed: 'The certificate could not be issued.',
};

/** The tenant's custom delivery domain: add it, create the DNS records shown (with copy buttons), check, remove. */
export function DeliveryDomainCard({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const state = useQuery(
    trpc.customDomains.get.queryOptions(undefined, {
      refetchInterval: (query) => {
        const data = query.state.data;
        return data?.available && data.domain && data.domain.status !== 'active' && data.domain.status !== 'failed' ? POLL_MS : false;
      },
    }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customDomains.get.queryKey() });
  const request = useMutation(trpc.customDomains.request.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.customDomains.remove.mutationOptions({ onSuccess: refresh }));
  const checkNow = useMutation(trpc.customDomains.checkNow.mutationOptions({ onSuccess: (fresh) => queryClient.setQueryData(trpc.customDomains.get.queryKey(), fresh) }));

  return (
    <section className="panel" aria-labelledby="delivery-domain-title">
      <h2 id="delivery-domain-title">Delivery domain</h2>
      {!state.data ? (
        state.error ? (
          <ErrorNotice error={state.error} />
        ) : (
          <p className="hint">Loading…</p>
        )
      ) : !state.data.available ? (
        <p className="hint">{state.data.reason}</p>
      ) : state.data.domain ? (
        <DomainState domain={state.data.domain} canEdit={canEdit} onCheck={() => checkNow.mutate()} checking={checkNow.isPending} onRemove={() => remove.mutate()} removing={remove.isPending} />
      ) : canEdit ? (
        <AddDomainForm onSubmit={(domainName) => request.mutate({ domainName })} pending={request.isPending} />
      ) : (
        <p className="hint">Your videos are delivered from your delivery network&apos;s own address. The workspace owner can add a custom domain.</p>
      )}
      <ErrorNotice error={request.error ?? remove.error ?? checkNow.error ?? undefined} />
    </section>
  );
}

function AddDomainForm({ onSubmit, pending }: { onSubmit: (domainName: string) => void; pending: boolean }) {
  const [entry, setEntry] = useState('');
  const checked = entry.trim() === '' ? undefined : checkDeliveryDomainName(entry);
  const problem = checked && 'problem' in checked ? checked.problem : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (checked && 'domainName' in checked) onSubmit(checked.domainName);
  };
  return (
    <form onSubmit={submit}>
      <p className="hint">Deliver your videos from your own domain, such as video.example.com, instead of your delivery network&apos;s address.</p>
      <TextField label="Domain" value={entry} onChange={setEntry} required placeholder="video.example.com" aria-invalid={problem !== undefined} />
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="actions">
        <button type="submit" className="primary" disabled={pending || !checked || problem !== undefined}>
          Add domain
        </button>
      </p>
    </form>
  );
}

function DomainState(props: { domain: CustomDomainView; canEdit: boolean; onCheck: () => void; checking: boolean; onRemove: () => void; removing: boolean }) {
  const { domain } = props;
  return (
    <>
      <p>
        <strong>{domain.domainName}</strong>
      </p>
      <p role="status">{STATUS_TEXT[domain.status]}</p>
      {domain.problem ? <p className="notice notice-error">{domain.problem}</p> : null}
      {domain.records.length > 0 ? (
        <RecordTable
          caption={`DNS records for ${domain.domainName}`}
          columns={['Purpose', 'Type', 'Name', 'Value']}
          rows={domain.records.map((record) => ({
            key: `${record.purpose}:${record.name}`,
            name: record.purpose === 'certificate' ? 'Certificate validation (keep it: renewals need it)' : 'Delivery',
            cells: [
              record.type,
              <span key="name">
                <code>{record.name}</code> <CopyButton text={record.name} label="Copy name" />
              </span>,
              <span key="value">
                <code>{record.value}</code> <CopyButton text={record.value} label="Copy value" />
              </span>,
            ],
          }))}
        />
      ) : null}
      <p className="actions">
        {domain.status !== 'failed' && domain.status !== 'requested' ? (
          <button type="button" onClick={props.onCheck} disabled={props.checking}>
            Check now
          </button>
        ) : null}
        {domain.checkedAt ? <span className="hint">Last checked {new Date(domain.checkedAt).toLocaleString()}</span> : null}
        {props.canEdit ? (
          <ConfirmButton
            label="Remove domain"
            question={`Your videos go back to your delivery network's own address at once; links and embeds using ${domain.domainName} stop working.`}
            confirmLabel={`Remove ${domain.domainName}`}
            onConfirm={props.onRemove}
            busy={props.removing}
          />
        ) : null}
      </p>
    </>
  );
}
