import { CopyButton } from './copy-button.js';

/** A secret the server returns once (a temporary password, a signing secret): shown with a copy button until dismissed. */
export function SecretOnce({ title, secret, note, onDismiss }: { title: string; secret: string; note: string; onDismiss: () => void }) {
  return (
    <div className="secret" role="region" aria-label={title}>
      <h3>{title}</h3>
      <p>{note}</p>
      <code className="secret-value" data-testid="secret-value">
        {secret}
      </code>
      <p className="actions">
        <CopyButton text={secret} />
        <button type="button" onClick={onDismiss}>
          I have saved it
        </button>
      </p>
    </div>
  );
}
