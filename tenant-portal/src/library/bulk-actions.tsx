import { useId, useState } from 'react';
import type { AccessMode } from '../api/api-types.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ACCESS_LABELS, ACCESS_MODES } from './access-modes.js';
import { useVideoActions, videoCount } from './video-actions.js';

/** What to do with the selected videos; `onDone` is told which of them the action was done to. */
export function BulkActions({ selected, onDone, onClear }: { selected: readonly string[]; onDone: (videoIds: readonly string[]) => void; onClear: () => void }) {
  const id = useId();
  const actions = useVideoActions();
  const [accessMode, setAccessMode] = useState<AccessMode | ''>('');
  const busy = actions.remove.isPending || actions.setAccess.isPending;
  const count = videoCount(selected.length);
  return (
    <div className="bulk-actions" role="region" aria-label="Selected videos">
      <strong role="status">{count} selected</strong>
      <span className="sort">
        <label htmlFor={`${id}-access`}>Access</label>
        <select id={`${id}-access`} value={accessMode} onChange={(event) => setAccessMode(event.target.value as AccessMode | '')}>
          <option value="">Choose…</option>
          {ACCESS_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {ACCESS_LABELS[mode]}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={accessMode === '' || busy}
          onClick={() => {
            if (accessMode === '') return;
            actions.setAccess.mutate({ videoIds: [...selected], accessMode }, { onSuccess: (outcome) => onDone(outcome.done) });
          }}
        >
          Change access
        </button>
      </span>
      <ConfirmButton
        label={`Delete ${count}`}
        question={`Delete ${count}, their streams and original files? This cannot be undone.`}
        confirmLabel={`Yes, delete ${count}`}
        busy={busy}
        onConfirm={() => actions.remove.mutate({ videoIds: [...selected] }, { onSuccess: (outcome) => onDone(outcome.done) })}
      />
      <button type="button" className="link-button" onClick={onClear} disabled={busy}>
        Clear selection
      </button>
    </div>
  );
}
