import { ANALYTICS_DIMENSIONS, type AnalyticsDimension, type AnalyticsRangePreset } from '@ott/contracts';
import { useId, useState, type FormEvent } from 'react';
import { OptionList } from '../components/option-list.js';
import { withFilter, withoutFilter, type AnalyticsView } from './analytics-view.js';
import { DIMENSION_LABELS, DIMENSION_OPTIONS } from './dimension-labels.js';

const RANGES: { value: AnalyticsRangePreset; label: string }[] = [
  { value: 'today', label: 'Today (UTC)' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'custom', label: 'Custom dates' },
];

function utcDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The page's choices: the dates, the comparison, and the filters in force (added here or from a breakdown row). */
export function AnalyticsControls({ view, onChange }: { view: AnalyticsView; onChange: (view: AnalyticsView) => void }) {
  const id = useId();
  const [fromDay, setFromDay] = useState(view.fromDay ?? utcDay(-6));
  const [toDay, setToDay] = useState(view.toDay ?? utcDay(0));
  const [custom, setCustom] = useState(view.preset === 'custom');
  const [filterDimension, setFilterDimension] = useState<AnalyticsDimension>('country');
  const [filterValue, setFilterValue] = useState('');
  const applyDates = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...view, preset: 'custom', fromDay, toDay });
  };
  const addFilter = (event: FormEvent) => {
    event.preventDefault();
    const value = filterValue.trim();
    if (!value) return;
    onChange(withFilter(view, filterDimension, value));
    setFilterValue('');
  };
  const filters = ANALYTICS_DIMENSIONS.flatMap((dimension) => (view.filters[dimension] ?? []).map((value) => ({ dimension, value })));
  return (
    <div className="panel analytics-controls">
      <div className="analytics-control-row">
        <p className="analytics-choice">
          <label htmlFor={`${id}-range`}>Dates</label>
          <select
            id={`${id}-range`}
            value={custom ? 'custom' : view.preset}
            onChange={(event) => {
              const preset = event.target.value as AnalyticsRangePreset;
              setCustom(preset === 'custom');
              if (preset !== 'custom') onChange({ ...view, preset, fromDay: undefined, toDay: undefined });
            }}
          >
            <OptionList options={RANGES} />
          </select>
        </p>
        <p className="analytics-choice">
          <input id={`${id}-compare`} type="checkbox" checked={view.compare} onChange={(event) => onChange({ ...view, compare: event.target.checked })} />
          <label htmlFor={`${id}-compare`}>Compare with the previous period</label>
        </p>
      </div>
      {custom ? (
        <form className="analytics-control-row" onSubmit={applyDates} aria-label="Custom dates">
          <p className="analytics-choice">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" required value={fromDay} max={toDay} onChange={(event) => setFromDay(event.target.value)} />
          </p>
          <p className="analytics-choice">
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} type="date" required value={toDay} min={fromDay} onChange={(event) => setToDay(event.target.value)} />
          </p>
          <button type="submit">Show these dates</button>
        </form>
      ) : null}
      <form className="analytics-control-row" onSubmit={addFilter} aria-label="Add a filter">
        <p className="analytics-choice">
          <label htmlFor={`${id}-filter-by`}>Filter</label>
          <select id={`${id}-filter-by`} value={filterDimension} onChange={(event) => setFilterDimension(event.target.value as AnalyticsDimension)}>
            <OptionList options={DIMENSION_OPTIONS} />
          </select>
          <input
            aria-label="Filter value"
            value={filterValue}
            maxLength={200}
            placeholder={filterDimension === 'country' ? 'e.g. FR' : 'value'}
            onChange={(event) => setFilterValue(event.target.value)}
          />
        </p>
        <button type="submit">Add filter</button>
      </form>
      {filters.length ? (
        <ul className="analytics-filters" aria-label="Filters in force">
          {filters.map(({ dimension, value }) => (
            <li key={`${dimension}:${value}`}>
              {DIMENSION_LABELS[dimension]}: {value}
              <button type="button" className="link-button" onClick={() => onChange(withoutFilter(view, dimension, value))}>
                Remove
                <span className="visually-hidden">
                  {' '}
                  the filter {DIMENSION_LABELS[dimension]}: {value}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
