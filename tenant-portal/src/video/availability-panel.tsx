// "Availability": when the video may be watched (publish and unpublish date-times, in the admin's own time zone) and
// where (every country, only some, or all but some). Viewers outside it are refused by the player with the reason;
// the admin's own preview on this page is not bound by it.
import { COUNTRY_NAMES, isCountryCode, type CountryCode, type VideoAvailability } from '@ott/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatDate } from '../format/format.js';
import { AvailabilityBadge } from './availability-badge.js';
import { fromLocalInput, localTimeZone, toLocalInput } from './availability-times.js';

type Mode = 'everywhere' | 'allow' | 'deny';

const COUNTRIES = (Object.entries(COUNTRY_NAMES) as [CountryCode, string][]).sort((a, b) => a[1].localeCompare(b[1]));

export function AvailabilityPanel({ videoId }: { videoId: string }) {
  const id = useId();
  const trpc = useTRPC();
  const availability = useQuery(trpc.availability.get.queryOptions({ videoId }));
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Availability</h2>
      {/* Keyed by what was saved: a save (or another admin's, on refetch) resets the form to it. */}
      {availability.data ? <AvailabilityForm key={JSON.stringify(availability.data)} videoId={videoId} availability={availability.data} /> : null}
      <ErrorNotice error={availability.error ?? undefined} />
    </section>
  );
}

function AvailabilityForm({ videoId, availability }: { videoId: string; availability: VideoAvailability<string | Date> }) {
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [publishAt, setPublishAt] = useState(toLocalInput(availability.publishAt));
  const [unpublishAt, setUnpublishAt] = useState(toLocalInput(availability.unpublishAt));
  const [mode, setMode] = useState<Mode>(availability.countryRule?.mode ?? 'everywhere');
  const [countries, setCountries] = useState<CountryCode[]>(availability.countryRule?.countries ?? []);
  const [picked, setPicked] = useState('');
  const save = useMutation(
    trpc.availability.set.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.availability.get.queryKey({ videoId }), saved);
        void queryClient.invalidateQueries({ queryKey: trpc.videos.list.pathKey() });
      },
    }),
  );
  const start = fromLocalInput(publishAt);
  const end = fromLocalInput(unpublishAt);
  const problem =
    start && end && end <= start
      ? 'Unpublish after the publish date-time.'
      : mode !== 'everywhere' && countries.length === 0
        ? `Add at least one country to ${mode === 'allow' ? 'allow' : 'block'}.`
        : undefined;
  const add = () => {
    if (isCountryCode(picked) && !countries.includes(picked)) setCountries([...countries, picked]);
    setPicked('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    save.mutate({ videoId, publishAt: start, unpublishAt: end, countryRule: mode === 'everywhere' ? null : { mode, countries } });
  };
  return (
    <form onSubmit={submit} className="availability-form">
      <p>
        <AvailabilityBadge state={availability.state} /> {summary(availability)}
      </p>
      <div className="availability-dates">
        <div className="field">
          <label htmlFor={`${id}-publish`}>Publish at</label>
          <input id={`${id}-publish`} type="datetime-local" value={publishAt} onChange={(event) => setPublishAt(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-unpublish`}>Unpublish at</label>
          <input
            id={`${id}-unpublish`}
            type="datetime-local"
            value={unpublishAt}
            onChange={(event) => setUnpublishAt(event.target.value)}
            aria-invalid={problem?.startsWith('Unpublish') ? true : undefined}
          />
        </div>
      </div>
      <p className="hint">Times are in your time zone ({localTimeZone()}). Leave a date empty for no start or no end. Your previews here play whatever the dates.</p>
      <fieldset className="availability-countries">
        <legend>Countries</legend>
        {(['everywhere', 'allow', 'deny'] as const).map((value) => (
          <label key={value} className="checkbox">
            <input type="radio" name={`${id}-mode`} value={value} checked={mode === value} onChange={() => setMode(value)} /> {MODE_LABELS[value]}
          </label>
        ))}
        {mode !== 'everywhere' ? (
          <>
            <div className="actions">
              <label htmlFor={`${id}-country`} className="visually-hidden">
                Country
              </label>
              <select id={`${id}-country`} value={picked} onChange={(event) => setPicked(event.target.value)}>
                <option value="">Choose a country…</option>
                {COUNTRIES.filter(([code]) => !countries.includes(code)).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name} ({code})
                  </option>
                ))}
              </select>
              <button type="button" onClick={add} disabled={picked === ''}>
                Add
              </button>
            </div>
            <ul className="country-list" aria-label={mode === 'allow' ? 'Allowed countries' : 'Blocked countries'}>
              {countries.map((code) => (
                <li key={code}>
                  {COUNTRY_NAMES[code]} ({code}){' '}
                  <button type="button" className="link-button" aria-label={`Remove ${COUNTRY_NAMES[code]}`} onClick={() => setCountries(countries.filter((kept) => kept !== code))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </fieldset>
      {problem ? <p className="hint error-text">{problem}</p> : null}
      <div className="actions">
        <button type="submit" disabled={problem !== undefined || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save availability'}
        </button>
        {save.isSuccess ? <span role="status">Saved.</span> : null}
      </div>
      <ErrorNotice error={save.error ?? undefined} />
    </form>
  );
}

const MODE_LABELS: Record<Mode, string> = { everywhere: 'Every country', allow: 'Only these countries', deny: 'Every country except these' };

function summary(availability: VideoAvailability<string | Date>): string {
  if (availability.state === 'scheduled' && availability.publishAt) return `Viewers can watch from ${formatDate(availability.publishAt)}.`;
  if (availability.state === 'expired' && availability.unpublishAt) return `Viewers could watch until ${formatDate(availability.unpublishAt)}.`;
  return availability.unpublishAt ? `Viewers can watch until ${formatDate(availability.unpublishAt)}.` : 'Viewers can watch it now.';
}
