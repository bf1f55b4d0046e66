// A panel's figures as a CSV file, built from the same data the panel shows (raw numbers, not the formatted ones).

export type CsvCell = string | number | null;

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; a leading = + - @ is defused for spreadsheets. */
export function csvOf(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const field = (cell: CsvCell) => {
    if (cell === null) return '';
    const text = typeof cell === 'number' ? String(cell) : /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** "Download CSV": the file is made when asked for, so a panel pays nothing for it until then. */
export function CsvDownload({ filename, columns, rows, label = 'Download CSV' }: { filename: string; columns: readonly string[]; rows: () => readonly (readonly CsvCell[])[]; label?: string }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([csvOf(columns, rows())], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    // The click has handed the file to the browser; the address is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <button type="button" className="csv-download" onClick={download}>
      {label}
    </button>
  );
}
