import { errorMessage } from '../api/api-error.js';

/** An API or upload error as a sentence, announced to screen readers. Renders nothing without an error. */
export function ErrorNotice({ error, className = '' }: { error: unknown; className?: string }) {
  if (error === undefined || error === null) return null;
  return (
    <p className={`notice notice-error ${className}`} role="alert">
      {errorMessage(error)}
    </p>
  );
}
