import type { ReactNode } from 'react';

export interface RecordRow {
  key: string;
  /** The cell that names the row (a row header for screen readers). */
  name: ReactNode;
  cells: ReactNode[];
}

/**
 * The portal's lists of people, keys and deliveries: a captioned table, and on phones a card per row with each value
 * labelled, so no column (least of all the Remove or Revoke at the end) is pushed off the screen. The roles are
 * spelled out because a table laid out as cards loses them in some browsers.
 * A column named '' holds the row's actions.
 */
export function RecordTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: RecordRow[] }) {
  return (
    <div className="table-scroll">
      <table className="record-table" role="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column, index) => (
              <th key={index} scope="col" role="columnheader">
                {column || <span className="visually-hidden">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={row.key} role="row">
              <th scope="row" role="rowheader">
                {row.name}
              </th>
              {row.cells.map((cell, index) => {
                const column = columns[index + 1];
                return (
                  <td key={index} role="cell" {...(column ? { 'data-label': column } : { className: 'record-actions' })}>
                    {cell}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
