import type { Delta } from './analytics-figures.js';

export interface FigureTile {
  /** Names the tile for tests: its data-figure. */
  name: string;
  label: string;
  value: string;
  delta?: Delta | null;
}

/** Headline figures side by side (two a row on a phone), each with how it moved since the previous period. */
export function FigureTiles({ tiles, comparedWith }: { tiles: readonly FigureTile[]; comparedWith?: string }) {
  return (
    <dl className="figure-tiles">
      {tiles.map((tile) => (
        <div key={tile.name} className="figure-tile" data-figure={tile.name}>
          <dt>{tile.label}</dt>
          <dd className="figure-value">{tile.value}</dd>
          {tile.delta ? (
            <dd className={`figure-delta${tile.delta.better === undefined ? '' : tile.delta.better ? ' figure-better' : ' figure-worse'}`}>
              {tile.delta.text}
              {comparedWith ? <span className="visually-hidden"> {comparedWith}</span> : null}
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
