import { formatMinorUnits } from '@ott/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';
import { parsePrice } from './price-input.js';

type Kind = 'subscription' | 'rental' | 'purchase' | 'bundle';

const KIND_TEXT: Record<Kind, string> = { subscription: 'Subscription', rental: 'Rental', purchase: 'Purchase', bundle: 'Bundle' };

/** The tenant's offers, and a form for a new one. A title no offer covers stays free for signed-in viewers. */
export function OffersPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const offers = useQuery(trpc.sales.offers.queryOptions());
  const collections = useQuery(trpc.collections.list.queryOptions());
  const update = () => queryClient.invalidateQueries({ queryKey: trpc.sales.offers.queryKey() });
  const create = useMutation(trpc.sales.createOffer.mutationOptions({ onSuccess: update }));
  const archive = useMutation(trpc.sales.archiveOffer.mutationOptions({ onSuccess: update }));
  const [kind, setKind] = useState<Kind>('subscription');
  const [unlocks, setUnlocks] = useState<'everything' | 'collections'>('everything');
  const [priceProblem, setPriceProblem] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const currency = text('currency').toLowerCase();
    const amount = parsePrice(text('price'), currency);
    if (typeof amount === 'string') return setPriceProblem(amount);
    setPriceProblem(undefined);
    const ids = (name: string) => form.getAll(name).map(String).filter(Boolean);
    const videoIds = text('videoIds')
      .split(/[\s,]+/)
      .filter(Boolean);
    create.mutate({
      kind,
      name: text('name'),
      amount,
      currency,
      ...(kind === 'subscription'
        ? {
            interval: text('interval') === 'year' ? 'year' : 'month',
            trialDays: Number(text('trialDays') || 0),
            coversEverything: unlocks === 'everything',
            ...(unlocks === 'collections' ? { collectionIds: ids('collectionIds') } : {}),
          }
        : {}),
      ...(kind === 'rental' ? { rental: { startDays: Number(text('startDays')), watchHours: Number(text('watchHours')) } } : {}),
      ...(kind === 'rental' || kind === 'purchase' ? { videoIds } : {}),
      ...(kind === 'bundle' ? { collectionIds: ids('collectionIds') } : {}),
      maxHeight: text('maxHeight') ? Number(text('maxHeight')) : null,
    });
  };

  const choosesCollections = kind === 'bundle' || (kind === 'subscription' && unlocks === 'collections');
  return (
    <section aria-labelledby="offers-title" className="panel">
      <h2 id="offers-title">Offers</h2>
      <p className="hint">Titles set to “Viewers” that an offer covers play only for viewers who bought it; the others stay a free registration wall.</p>
      <ErrorNotice error={offers.error ?? archive.error ?? undefined} />
      {offers.data?.length === 0 ? <p className="empty">No offers yet.</p> : null}
      {offers.data?.length ? (
        <RecordTable
          caption="Offers"
          columns={['Kind', 'Price', 'Terms', '']}
          rows={offers.data.map((offer) => ({
            key: offer.id,
            name: offer.name,
            cells: [
              KIND_TEXT[offer.kind],
              `${formatMinorUnits(offer.amount, offer.currency)}${offer.interval ? ` a ${offer.interval}` : ''}`,
              [
                offer.trialDays ? `${offer.trialDays}-day free trial` : '',
                offer.rental ? `${offer.rental.startDays} days to start, ${offer.rental.watchHours} h to finish` : '',
                offer.coversEverything ? 'everything' : '',
                offer.collectionIds.length ? `${offer.collectionIds.length} collection(s)` : '',
                offer.videoIds.length ? `${offer.videoIds.length} video(s)` : '',
                offer.maxHeight ? `up to ${offer.maxHeight}p` : '',
              ]
                .filter(Boolean)
                .join(' · '),
              <ConfirmButton
                label="Stop selling"
                question={`Stop selling ${offer.name}? Viewers who bought it keep it.`}
                confirmLabel="Yes, stop"
                busy={archive.isPending}
                onConfirm={() => archive.mutate({ offerId: offer.id })}
              />,
            ],
          }))}
        />
      ) : null}
      <form onSubmit={submit} aria-label="New offer" className="stacked-form">
        <h3>New offer</h3>
        <label>
          Kind
          <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
            {Object.entries(KIND_TEXT).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name
          <input name="name" required maxLength={120} />
        </label>
        <label>
          Price
          <input name="price" required inputMode="decimal" placeholder="4.99" aria-invalid={priceProblem ? true : undefined} />
        </label>
        {priceProblem ? <p role="alert">{priceProblem}</p> : null}
        <label>
          Currency
          <input name="currency" required defaultValue="usd" maxLength={3} />
        </label>
        {kind === 'subscription' ? (
          <>
            <label>
              Renews every
              <select name="interval" defaultValue="month">
                <option value="month">month</option>
                <option value="year">year</option>
              </select>
            </label>
            <label>
              Free-trial days
              <input name="trialDays" type="number" min={0} max={730} defaultValue={0} />
            </label>
            <label>
              Unlocks
              <select value={unlocks} onChange={(event) => setUnlocks(event.target.value === 'collections' ? 'collections' : 'everything')}>
                <option value="everything">everything</option>
                <option value="collections">some collections</option>
              </select>
            </label>
          </>
        ) : null}
        {kind === 'rental' ? (
          <>
            <label>
              Days to start watching
              <input name="startDays" type="number" min={1} max={365} defaultValue={30} />
            </label>
            <label>
              Hours to finish once started
              <input name="watchHours" type="number" min={1} max={720} defaultValue={48} />
            </label>
          </>
        ) : null}
        {kind === 'rental' || kind === 'purchase' ? (
          <label>
            Video ids (separated by commas)
            <input name="videoIds" required />
          </label>
        ) : null}
        {choosesCollections ? (
          <fieldset>
            <legend>{kind === 'bundle' ? 'The collection' : 'Collections'}</legend>
            {collections.data?.length === 0 ? <p className="empty">No collections yet: make one on the Collections page.</p> : null}
            {collections.data?.map((collection) => (
              <label key={collection.id}>
                <input type={kind === 'bundle' ? 'radio' : 'checkbox'} name="collectionIds" value={collection.id} /> {collection.title}
              </label>
            ))}
          </fieldset>
        ) : null}
        <label>
          Best quality
          <select name="maxHeight" defaultValue="">
            <option value="">every rung (up to 4K)</option>
            <option value="1080">up to HD (1080p)</option>
          </select>
        </label>
        <ErrorNotice error={create.error ?? undefined} />
        <button type="submit" disabled={create.isPending}>
          Create offer
        </button>
      </form>
    </section>
  );
}
