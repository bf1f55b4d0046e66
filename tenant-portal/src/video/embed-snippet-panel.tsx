import { useId } from 'react';
import type { AccessMode } from '../api/api-types.js';
import { apiUrl } from '../api/api-url.js';
import { CopyButton } from '../components/copy-button.js';
import { Link } from '../routing/link.js';
import { embedSnippet } from './embed-snippet.js';

const CREDENTIAL_NOTE: Record<AccessMode, string> = {
  public: 'Anyone with the page can watch.',
  viewers: 'Replace VIEWER_ID_TOKEN with the ID token your site gets when a viewer signs in (viewerAuth.signIn).',
  token:
    'Replace PLAYBACK_TOKEN with a short-lived token your backend signs with a playback signing secret (Playback signing secrets page), or asks for over the REST API (POST /v1/playback-tokens, see Developers).',
};

export function EmbedSnippetPanel({ videoId, accessMode }: { videoId: string; accessMode: AccessMode }) {
  const id = useId();
  const snippet = embedSnippet(apiUrl(), videoId, accessMode);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Embed</h2>
      <p className="hint">
        Paste this into your site. {CREDENTIAL_NOTE[accessMode]} Sites must be listed under <Link to="/branding">allowed embed origins</Link> when that list is not empty.
      </p>
      <label htmlFor={`${id}-code`} className="visually-hidden">
        Embed snippet
      </label>
      <textarea id={`${id}-code`} className="code" readOnly rows={3} value={snippet} data-testid="embed-snippet" onFocus={(event) => event.target.select()} />
      <CopyButton text={snippet} label="Copy embed code" />
    </section>
  );
}
