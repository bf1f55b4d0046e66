// Collections: the storefront's home rows, in order. Create one, move rows up or down, and in each row add titles
// (films, episodes, series), move them, take them out; delete a row (its titles stay).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { SingleFieldForm } from '../components/single-field-form.js';
import { useToaster } from '../toast/toasts.js';
import { movedBy, OrderedTitleList } from './ordered-title-list.js';
import { TitlePicker } from './title-picker.js';

export function CollectionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const list = useQuery(trpc.collections.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.collections.list.queryKey() });
  const create = useMutation(
    trpc.collections.create.mutationOptions({
      onSuccess: async (collection) => {
        toaster.show(`Collection "${collection.title}" created.`);
        await refresh();
      },
    }),
  );
  const reorder = useMutation(trpc.collections.reorder.mutationOptions({ onSuccess: refresh }));
  const ids = list.data?.map((collection) => collection.id) ?? [];
  return (
    <section aria-labelledby="collections-title">
      <h1 id="collections-title">Collections</h1>
      <p className="hint">Curated rows of films, episodes and series, in the order the storefront shows them.</p>
      <SingleFieldForm name="Create a collection" label="Title" submitLabel="Create collection" pending={create.isPending} onSubmit={(title) => create.mutateAsync({ title })} />
      <ErrorNotice error={create.error ?? reorder.error ?? list.error ?? undefined} />
      {list.data?.length === 0 ? <p className="empty">No collections yet.</p> : null}
      {list.data?.map((collection, index) => (
        <CollectionPanel
          key={collection.id}
          collectionId={collection.id}
          onMove={(by) => reorder.mutate({ collectionIds: movedBy(ids, index, by) })}
          canMoveUp={index > 0 && !reorder.isPending}
          canMoveDown={index < ids.length - 1 && !reorder.isPending}
          onDeleted={refresh}
        />
      ))}
    </section>
  );
}

function CollectionPanel({
  collectionId,
  onMove,
  canMoveUp,
  canMoveDown,
  onDeleted,
}: {
  collectionId: string;
  onMove: (by: -1 | 1) => void;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onDeleted: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const collection = useQuery(trpc.collections.get.queryOptions({ collectionId }));
  const changed = {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.collections.get.queryKey({ collectionId }) });
      await queryClient.invalidateQueries({ queryKey: trpc.collections.list.queryKey() });
    },
  };
  const add = useMutation(trpc.collections.addItem.mutationOptions(changed));
  const reorder = useMutation(trpc.collections.reorderItems.mutationOptions(changed));
  const remove = useMutation(trpc.collections.removeItem.mutationOptions(changed));
  const removeCollection = useMutation(
    trpc.collections.delete.mutationOptions({
      onSuccess: async () => {
        toaster.show('Collection deleted.');
        await onDeleted();
      },
    }),
  );
  const data = collection.data;
  if (!data) return <ErrorNotice error={collection.error ?? undefined} />;
  return (
    <section className="panel" aria-label={`Collection ${data.title}`}>
      <header className="collection-header">
        <h2>
          {data.position}. {data.title} <small className="hint">/{data.slug}</small>
        </h2>
        <span className="row-actions">
          <button type="button" disabled={!canMoveUp} onClick={() => onMove(-1)} aria-label={`Move ${data.title} up`}>
            ↑
          </button>
          <button type="button" disabled={!canMoveDown} onClick={() => onMove(1)} aria-label={`Move ${data.title} down`}>
            ↓
          </button>
        </span>
      </header>
      <ErrorNotice error={add.error ?? reorder.error ?? remove.error ?? removeCollection.error ?? undefined} />
      {data.items.length === 0 ? <p className="hint">No titles yet.</p> : null}
      <OrderedTitleList
        titles={data.items.map((item) => ({
          key: item.id,
          name: item.title,
          label: (
            <>
              {item.title} <small className="hint">{item.type}</small>
            </>
          ),
        }))}
        moving={reorder.isPending}
        removing={remove.isPending}
        onMove={(itemIds) => reorder.mutate({ collectionId, itemIds })}
        onRemove={(itemId) => remove.mutate({ collectionId, itemId })}
        removeLabel={(name) => `Take ${name} out of ${data.title}`}
      />
      <TitlePicker
        label={`Add a title to ${data.title}`}
        actionLabel="Add"
        busy={add.isPending}
        onPick={(title) => add.mutate(title.type === 'series' ? { collectionId, seriesId: title.id } : { collectionId, videoId: title.id })}
      />
      <ConfirmButton
        label="Delete collection"
        question={`Delete "${data.title}"? Its titles stay in the library.`}
        confirmLabel="Delete collection"
        busy={removeCollection.isPending}
        onConfirm={() => removeCollection.mutate({ collectionId })}
      />
    </section>
  );
}
