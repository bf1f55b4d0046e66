// Series: the list (with a form to create one), and a series' page: its seasons in order, each with its episodes in
// order — add a video as an episode, move one up or down, take it out; add a season; delete the series (its videos
// stay in the library).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { SingleFieldForm } from '../components/single-field-form.js';
import { Link } from '../routing/link.js';
import { navigate } from '../routing/navigation.js';
import { useToaster } from '../toast/toasts.js';
import { OrderedTitleList } from './ordered-title-list.js';
import { TitlePicker } from './title-picker.js';

export function SeriesListPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.series.list.queryOptions({ limit: 200 }));
  const create = useMutation(
    trpc.series.create.mutationOptions({
      onSuccess: async (series) => {
        await queryClient.invalidateQueries({ queryKey: trpc.series.list.queryKey() });
        navigate(`/series/${series.id}`);
      },
    }),
  );
  return (
    <section aria-labelledby="series-title">
      <h1 id="series-title">Series</h1>
      <p className="hint">A series holds seasons; each episode is a video from the library. A video is in at most one series.</p>
      <SingleFieldForm name="Create a series" label="Title" submitLabel="Create series" pending={create.isPending} onSubmit={(title) => create.mutateAsync({ title })} />
      <ErrorNotice error={create.error ?? list.error ?? undefined} />
      {list.data?.data.length === 0 ? <p className="empty">No series yet.</p> : null}
      <ul className="catalogue-list">
        {list.data?.data.map((series) => (
          <li key={series.id}>
            <Link to={`/series/${series.id}`}>{series.title}</Link>{' '}
            <small className="hint">
              {series.seasonCount} season{series.seasonCount === 1 ? '' : 's'}, {series.episodeCount} episode{series.episodeCount === 1 ? '' : 's'}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SeriesPage({ seriesId }: { seriesId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const series = useQuery(trpc.series.get.queryOptions({ seriesId }));
  const onChanged = (message?: string) => ({
    onSuccess: async () => {
      if (message) toaster.show(message);
      await queryClient.invalidateQueries({ queryKey: trpc.series.get.queryKey({ seriesId }) });
    },
  });
  const addSeason = useMutation(trpc.series.addSeason.mutationOptions(onChanged('Season added.')));
  const place = useMutation(trpc.series.placeEpisode.mutationOptions(onChanged()));
  const reorder = useMutation(trpc.series.reorderEpisodes.mutationOptions(onChanged()));
  const remove = useMutation(trpc.series.removeEpisode.mutationOptions(onChanged('Episode taken out of the series.')));
  const removeSeason = useMutation(trpc.series.removeSeason.mutationOptions(onChanged('Season removed.')));
  const deleteSeries = useMutation(
    trpc.series.delete.mutationOptions({
      onSuccess: async () => {
        toaster.show('Series deleted; its videos stay in the library.');
        await queryClient.invalidateQueries({ queryKey: trpc.series.list.queryKey() });
        navigate('/series');
      },
    }),
  );
  const headingId = useId();
  const data = series.data;
  const error = series.error ?? addSeason.error ?? place.error ?? reorder.error ?? remove.error ?? removeSeason.error ?? deleteSeries.error ?? undefined;
  return (
    <section aria-labelledby={headingId}>
      <p>
        <Link to="/series">← Series</Link>
      </p>
      <h1 id={headingId}>{data?.title ?? 'Series'}</h1>
      <ErrorNotice error={error} />
      {data ? (
        <>
          {data.seasons.length === 0 ? <p className="empty">No seasons yet.</p> : null}
          {data.seasons.map((season) => {
            return (
              <section key={season.id} className="panel" aria-label={`Season ${season.number}`}>
                <h2>
                  Season {season.number}
                  {season.title ? `: ${season.title}` : ''}
                </h2>
                {season.episodes.length === 0 ? <p className="hint">No episodes yet.</p> : null}
                <OrderedTitleList
                  titles={season.episodes.map((episode) => ({
                    key: episode.videoId,
                    name: episode.title,
                    label: (
                      <>
                        {episode.episodeNumber}. <Link to={`/videos/${episode.videoId}`}>{episode.title}</Link>
                      </>
                    ),
                  }))}
                  moving={reorder.isPending}
                  removing={remove.isPending}
                  onMove={(videoIds) => reorder.mutate({ seasonId: season.id, videoIds })}
                  onRemove={(videoId) => remove.mutate({ videoId })}
                  removeLabel={(name) => `Take ${name} out of the series`}
                />
                <TitlePicker
                  label={`Add an episode to season ${season.number}`}
                  actionLabel="Add"
                  busy={place.isPending}
                  onPick={(title) => place.mutate({ seasonId: season.id, videoId: title.id })}
                  types="film"
                />
                <ConfirmButton
                  label="Remove season"
                  question={`Remove season ${season.number}? Its ${season.episodes.length} episode videos stay in the library.`}
                  confirmLabel="Remove season"
                  busy={removeSeason.isPending}
                  onConfirm={() => removeSeason.mutate({ seasonId: season.id })}
                />
              </section>
            );
          })}
          <p className="actions">
            <button type="button" onClick={() => addSeason.mutate({ seriesId })} disabled={addSeason.isPending}>
              Add season {Math.max(0, ...data.seasons.map((season) => season.number)) + 1}
            </button>
            <ConfirmButton
              label="Delete series"
              question={`Delete "${data.title}" and its seasons? Its videos stay in the library.`}
              confirmLabel="Delete series"
              busy={deleteSeries.isPending}
              onConfirm={() => deleteSeries.mutate({ seriesId })}
            />
          </p>
        </>
      ) : null}
    </section>
  );
}
