import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@ott/contracts';
import { useState, type FormEvent } from 'react';
import { TextField } from '../components/text-field.js';

/** The events a tenant subscribes to; `webhook.test` goes to an endpoint only when asked for, whatever it picked. */
const SUBSCRIBABLE = WEBHOOK_EVENT_TYPES.filter((type) => type !== 'webhook.test');

/** Adds an endpoint: its URL, a note, and which events it gets (none ticked: all of them). */
export function EndpointForm({ pending, onSubmit }: { pending: boolean; onSubmit: (input: { url: string; description: string; eventTypes: WebhookEventType[] }) => Promise<unknown> }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<WebhookEventType[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit({ url, description, eventTypes: types }).then(() => {
      setUrl('');
      setDescription('');
      setTypes([]);
    });
  };
  const toggle = (type: WebhookEventType) => setTypes((current) => (current.includes(type) ? current.filter((entry) => entry !== type) : [...current, type]));
  return (
    <form className="panel" onSubmit={submit} aria-label="Add an endpoint">
      <h2>Add an endpoint</h2>
      <TextField
        label="Endpoint URL"
        type="url"
        required
        value={url}
        onChange={setUrl}
        placeholder="https://example.com/webhooks/ott"
        hint="Only public http(s) addresses are reached; redirects are not followed."
      />
      <TextField label="Description (optional)" value={description} onChange={setDescription} maxLength={200} />
      <fieldset className="event-types">
        <legend>Events (none ticked: all of them)</legend>
        {SUBSCRIBABLE.map((type) => (
          <label key={type}>
            <input type="checkbox" checked={types.includes(type)} onChange={() => toggle(type)} /> <code>{type}</code>
          </label>
        ))}
      </fieldset>
      <p className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Adding…' : 'Add endpoint'}
        </button>
      </p>
    </form>
  );
}
