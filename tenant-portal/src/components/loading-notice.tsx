import { ErrorNotice } from './error-notice.js';

/** What stands in for data not there yet: the error that kept it away, or "Loading the invoice preview…". */
export function LoadingNotice({ error, what }: { error: unknown; what: string }) {
  if (error !== undefined && error !== null) return <ErrorNotice error={error} />;
  return (
    <p className="hint" role="status">
      Loading {what}…
    </p>
  );
}
