import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { TextField } from './text-field.js';

interface SingleFieldFormProps {
  /** The form's accessible name: "Invite a viewer". */
  name: string;
  label: string;
  submitLabel: string;
  /** Resolves when the server took it; the field is cleared then, and kept for a retry on failure. */
  onSubmit: (value: string) => Promise<unknown>;
  pending: boolean;
  input?: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;
}

/** One field and a button, in a row: inviting a viewer, naming a new key. */
export function SingleFieldForm({ name, label, submitLabel, onSubmit, pending, input = {} }: SingleFieldFormProps) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Errors are shown by the page from the mutation's state.
    onSubmit(value).then(
      () => setValue(''),
      () => undefined,
    );
  };
  return (
    <form className="panel inline-form" onSubmit={submit} aria-label={name}>
      <TextField label={label} value={value} onChange={setValue} required {...input} />
      <button type="submit" className="primary" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
