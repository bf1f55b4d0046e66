import { useId } from 'react';
import { CopyButton } from '../components/copy-button.js';

/** A snippet to copy: its label, a copy button, and the text in a box that scrolls sideways on its own (never the page). */
export function CodeBlock({ label, code, testId }: { label: string; code: string; testId: string }) {
  const id = useId();
  return (
    <figure className="code-block" aria-labelledby={id}>
      <figcaption>
        <span id={id}>{label}</span>
        <CopyButton text={code} label={`Copy ${label}`} />
      </figcaption>
      <pre data-testid={testId} tabIndex={0}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
