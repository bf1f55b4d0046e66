import type { ReactNode } from 'react';

export interface RecordRow {
  key: string;
  /** The cell that names the row (a row header for screen readers). */
  name: ReactNode;
  cells: ReactNode[];
}

/** The portal's lists of people and keys: a captioned table that scrolls sideways on narrow screens. */
export function RecordTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: RecordRow[] }) {
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column || <span className="visually-hidden">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {row.cells.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
