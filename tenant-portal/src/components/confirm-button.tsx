import { useState, type ReactNode } from 'react';

interface ConfirmButtonProps {
  /** The first button: "Delete video". */
  label: string;
  /** What is about to happen, asked before it does. */
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
  danger?: boolean;
}

/** A destructive action that asks first, inline (no browser dialog, so it works the same everywhere). */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, busy = false, danger = true }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'danger' : ''} onClick={() => setAsking(true)} disabled={busy}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={label}>
      <span>{question}</span>
      <button
        type="button"
        className={danger ? 'danger' : ''}
        disabled={busy}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)} disabled={busy}>
        Cancel
      </button>
    </span>
  );
}
