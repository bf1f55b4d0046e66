// `npm start` is read by a person: each JSON log line (pino-logger.ts) becomes `[process] message (field=value …)`,
// with the level when it is not info and an error's stack below. Anything that is not such a line (a crash's
// output before any logger exists) is shown as it came, under the name of the process that printed it.
const SHOWN_ELSEWHERE = new Set(['level', 'time', 'pid', 'hostname', 'process', 'msg', 'err']);

export function readableLogLine(line: string, printedBy: string): string {
  const record = parseRecord(line);
  if (!record) return `[${printedBy}] ${line}`;
  const level = record.level === 'info' ? '' : `${String(record.level).toUpperCase()} `;
  const fields = Object.entries(record)
    .filter(([name]) => !SHOWN_ELSEWHERE.has(name))
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = record.err as { stack?: unknown; message?: unknown } | undefined;
  const error = err ? `\n${String(err.stack ?? err.message)}` : '';
  return `[${String(record.process ?? printedBy)}] ${level}${String(record.msg)}${fields.length > 0 ? ` (${fields.join(' ')})` : ''}${error}`;
}

function parseRecord(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && 'msg' in value ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
