import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';
import { TextField } from '../components/text-field.js';
import { formatDate } from '../format/format.js';
import { useSessionState } from '../session/session-context.js';
import { useToaster } from '../toast/toasts.js';

type Role = 'admin' | 'owner';

/** Owners add admins (with a role) and remove them; everyone sees who manages the workspace. */
export function AdminsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const { session } = useSessionState();
  const isOwner = session?.role === 'owner';
  const admins = useQuery(trpc.admins.list.queryOptions());
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('admin');
  const toaster = useToaster();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admins.list.queryKey() });
  // The new admin chooses their own password through the emailed link: nobody reads one off this screen.
  const add = useMutation(
    trpc.admins.add.mutationOptions({
      onSuccess: (added) => {
        setEmail('');
        toaster.show(`Invitation sent to ${added.email}`);
        return refresh();
      },
    }),
  );
  const resend = useMutation(trpc.admins.resendInvitation.mutationOptions({ onSuccess: (resent) => toaster.show(`Invitation sent again to ${resent.email}`) }));
  const remove = useMutation(trpc.admins.remove.mutationOptions({ onSuccess: refresh }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ email, role });
  };
  return (
    <section aria-labelledby="admins-title">
      <h1 id="admins-title">Admins</h1>
      <p className="hint">People who manage this workspace. Owners also manage admins, signing secrets and allowed origins. A new admin gets an email to choose their password.</p>
      {isOwner ? (
        <form className="panel inline-form" onSubmit={submit} aria-label="Add an admin">
          <TextField label="E-mail" type="email" value={email} onChange={setEmail} required autoComplete="off" />
          <div className="field narrow">
            <label htmlFor={`${id}-role`}>Role</label>
            <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value === 'owner' ? 'owner' : 'admin')}>
              <option value="admin">Admin</option>
              <option value="owner">Owner</option>
            </select>
          </div>
          <button type="submit" className="primary" disabled={add.isPending}>
            Add admin
          </button>
        </form>
      ) : (
        <p className="notice">Only the workspace owner can add or remove admins.</p>
      )}
      <ErrorNotice error={add.error ?? undefined} />
      <ErrorNotice error={admins.error ?? remove.error ?? resend.error ?? undefined} />
      {admins.data ? (
        <RecordTable
          caption="Admins"
          columns={['E-mail', 'Role', 'Status', 'Added', '']}
          rows={admins.data.map((admin) => {
            const you = admin.email === session?.email;
            return {
              key: admin.adminId,
              name: `${admin.email}${you ? ' (you)' : ''}`,
              cells: [
                admin.role === 'owner' ? 'Owner' : 'Admin',
                admin.status === 'invited' ? 'Invited (no password yet)' : 'Active',
                formatDate(admin.createdAt),
                isOwner && !you ? (
                  <span className="row-actions">
                    {admin.status === 'invited' ? (
                      <button type="button" disabled={resend.isPending} onClick={() => resend.mutate({ adminId: admin.adminId })}>
                        Resend invitation
                      </button>
                    ) : null}
                    <ConfirmButton
                      label="Remove"
                      question={`Remove ${admin.email} from this workspace?`}
                      confirmLabel="Yes, remove"
                      busy={remove.isPending}
                      onConfirm={() => remove.mutate({ adminId: admin.adminId })}
                    />
                  </span>
                ) : null,
              ],
            };
          })}
        />
      ) : null}
    </section>
  );
}
