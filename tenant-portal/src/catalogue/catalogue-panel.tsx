// The video page's catalogue section: categories, tags, release year, maturity rating, credits and custom fields,
// saved together; and the series the video is an episode of, if any.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogueMetadata } from '@ott/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { TextField } from '../components/text-field.js';
import { Link } from '../routing/link.js';
import { useToaster } from '../toast/toasts.js';
import { creditsText, fieldsText, listOf, parseCredits, parseFields, parseYear } from './catalogue-text.js';

export function CataloguePanel({ videoId }: { videoId: string }) {
  const trpc = useTRPC();
  const saved = useQuery(trpc.catalogue.metadata.queryOptions({ videoId }));
  const id = useId();
  const episode = saved.data?.episode;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Catalogue</h2>
      {episode ? (
        <p>
          Episode {episode.episodeNumber} of season {episode.seasonNumber} of <Link to={`/series/${episode.seriesId}`}>{episode.seriesTitle}</Link>.
        </p>
      ) : (
        <p className="hint">
          A film (in no series). Place it in a season on the <Link to="/series">Series</Link> page.
        </p>
      )}
      {saved.data ? <MetadataForm key={JSON.stringify(saved.data)} videoId={videoId} saved={saved.data} /> : <ErrorNotice error={saved.error ?? undefined} />}
    </section>
  );
}

function MetadataForm({ videoId, saved }: { videoId: string; saved: CatalogueMetadata }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const id = useId();
  const [categories, setCategories] = useState(saved.categories.join(', '));
  const [tags, setTags] = useState(saved.tags.join(', '));
  const [year, setYear] = useState(saved.releaseYear === null ? '' : String(saved.releaseYear));
  const [rating, setRating] = useState(saved.maturityRating ?? '');
  const [credits, setCredits] = useState(creditsText(saved.credits));
  const [fields, setFields] = useState(fieldsText(saved.customFields));
  const save = useMutation(
    trpc.catalogue.setMetadata.mutationOptions({
      onSuccess: () => {
        toaster.show('Catalogue details saved.');
        return queryClient.invalidateQueries({ queryKey: trpc.catalogue.metadata.queryKey({ videoId }) });
      },
    }),
  );
  const parsedYear = parseYear(year);
  const parsedCredits = parseCredits(credits);
  const parsedFields = parseFields(fields);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsedYear.ok || !parsedCredits.ok || !parsedFields.ok) return;
    save.mutate({
      videoId,
      categories: listOf(categories),
      tags: listOf(tags),
      releaseYear: parsedYear.value,
      maturityRating: rating.trim() === '' ? null : rating,
      credits: parsedCredits.value,
      customFields: parsedFields.value,
    });
  };
  return (
    <form onSubmit={submit} className="catalogue-form" aria-label="Catalogue details">
      <TextField label="Categories" value={categories} onChange={setCategories} hint="Genres, separated by commas: Drama, Science fiction." />
      <TextField label="Tags" value={tags} onChange={setTags} hint="Separated by commas; search finds titles by them." />
      <TextField label="Release year" value={year} onChange={setYear} inputMode="numeric" maxLength={4} />
      {parsedYear.ok ? null : <small className="error-text">{parsedYear.message}</small>}
      <TextField label="Maturity rating" value={rating} onChange={setRating} maxLength={20} hint="A short label such as PG-13 or 16+." />
      <div className="field">
        <label htmlFor={`${id}-credits`}>Credits</label>
        <textarea id={`${id}-credits`} rows={4} value={credits} placeholder={'Director: Agnès Varda\nCast: Corinne Marchand'} onChange={(event) => setCredits(event.target.value)} />
        <small className="hint">One a line, in order: the role, a colon, the name.</small>
        {parsedCredits.ok ? null : <small className="error-text">{parsedCredits.message}</small>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-fields`}>Custom fields</label>
        <textarea id={`${id}-fields`} rows={3} value={fields} placeholder="studio = Ghibli" onChange={(event) => setFields(event.target.value)} />
        <small className="hint">One a line: a name (lower-case letters, digits, _ or -), "=", the value.</small>
        {parsedFields.ok ? null : <small className="error-text">{parsedFields.message}</small>}
      </div>
      <ErrorNotice error={save.error ?? undefined} />
      <p className="actions">
        <button type="submit" className="primary" disabled={save.isPending || !parsedYear.ok || !parsedCredits.ok || !parsedFields.ok}>
          {save.isPending ? 'Saving…' : 'Save catalogue details'}
        </button>
      </p>
    </form>
  );
}
