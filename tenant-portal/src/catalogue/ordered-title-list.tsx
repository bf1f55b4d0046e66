// An ordered list of titles (episodes of a season, titles of a collection) with buttons to move each up or down or
// take it out; the page says what a move or a removal does.
import type { ReactNode } from 'react';

export interface OrderedTitle {
  key: string;
  /** What the row shows (a link, a type label). */
  label: ReactNode;
  /** The title as the buttons' accessible names say it. */
  name: string;
}

/** The list with the item at `index` moved by one place. */
export function movedBy<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const moved = [...list];
  const [taken] = moved.splice(index, 1);
  if (taken !== undefined) moved.splice(index + by, 0, taken);
  return moved;
}

export function OrderedTitleList({
  titles,
  moving,
  removing,
  onMove,
  onRemove,
  removeLabel,
}: {
  titles: readonly OrderedTitle[];
  moving: boolean;
  removing: boolean;
  onMove: (keys: string[]) => void;
  onRemove: (key: string) => void;
  removeLabel: (name: string) => string;
}) {
  const keys = titles.map((title) => title.key);
  return (
    <ol className="ordered-titles">
      {titles.map((title, index) => (
        <li key={title.key}>
          <span>{title.label}</span>
          <span className="row-actions">
            <button type="button" disabled={index === 0 || moving} onClick={() => onMove(movedBy(keys, index, -1))} aria-label={`Move ${title.name} up`}>
              ↑
            </button>
            <button type="button" disabled={index === keys.length - 1 || moving} onClick={() => onMove(movedBy(keys, index, 1))} aria-label={`Move ${title.name} down`}>
              ↓
            </button>
            <button type="button" disabled={removing} onClick={() => onRemove(title.key)} aria-label={removeLabel(title.name)}>
              Remove
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
