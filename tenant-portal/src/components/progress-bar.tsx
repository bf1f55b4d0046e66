import { percent } from '../format/format.js';

/** A labelled progress bar; `fraction` in 0..1. */
export function ProgressBar({ fraction, label }: { fraction: number; label: string }) {
  const shown = percent(fraction);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Number.parseInt(shown, 10)}>
      <div className="progress-fill" style={{ width: shown }} />
    </div>
  );
}
