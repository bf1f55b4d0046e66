import { useId, useState } from 'react';
import type { AccessMode } from '../api/api-types.js';
import { apiUrl } from '../api/api-url.js';
import { CopyButton } from '../components/copy-button.js';
import { Link } from '../routing/link.js';
import { DEFAULT_EMBED_OPTIONS, embedSnippet, iframeSnippet, watchPageUrl, type EmbedOptions } from './embed-snippet.js';

const CREDENTIAL_NOTE: Record<AccessMode, string> = {
  public: 'Anyone with the page can watch.',
  viewers:
    'Viewers sign in inside the player with the email and password of their invitation. A site with its own sign-in passes the viewer’s ID token as credential="…" and adds sign-in="none" to hide the player’s form.',
  token:
    'Replace PLAYBACK_TOKEN with a short-lived token your backend signs with a playback signing secret (Playback signing secrets page), or asks for over the REST API (POST /v1/playback-tokens, see Developers).',
};

/** The embed builder: the options, the script and iframe snippets they make (live), and the watch page's link. */
export function EmbedSnippetPanel({ videoId, accessMode }: { videoId: string; accessMode: AccessMode }) {
  const id = useId();
  const api = apiUrl();
  const [options, setOptions] = useState<EmbedOptions>(DEFAULT_EMBED_OPTIONS);
  const change = (changes: Partial<EmbedOptions>) => setOptions((current) => ({ ...current, ...changes }));
  const script = embedSnippet(api, videoId, accessMode, options);
  const iframe = iframeSnippet(api, videoId, accessMode, options);
  const fixed = options.size.kind === 'fixed' ? options.size : undefined;
  const setFixed = (width: number) => change({ size: { kind: 'fixed', width, height: Math.round((width * 9) / 16) } });
  return (
    <section className="panel embed-builder" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Embed</h2>
      <p className="hint">
        Paste one of these into your site. {CREDENTIAL_NOTE[accessMode]} Sites must be listed under <Link to="/branding">allowed embed origins</Link> when that list is not empty.
      </p>
      <fieldset className="embed-options">
        <legend>Player options</legend>
        <label>
          <input type="checkbox" checked={options.autoplay} onChange={(event) => change({ autoplay: event.target.checked })} aria-describedby={`${id}-autoplay`} /> Autoplay
        </label>
        <small id={`${id}-autoplay`}>Browsers only start videos on their own when the sound is off, so autoplay also mutes.</small>
        <label>
          <input type="checkbox" checked={options.muted || options.autoplay} disabled={options.autoplay} onChange={(event) => change({ muted: event.target.checked })} /> Muted
        </label>
        <label>
          <input type="checkbox" checked={options.loop} onChange={(event) => change({ loop: event.target.checked })} /> Loop
        </label>
        <label>
          Start at (seconds){' '}
          <input type="number" min={0} step={1} value={options.startSeconds} onChange={(event) => change({ startSeconds: Math.max(0, Math.floor(Number(event.target.value) || 0)) })} />
        </label>
        <label>
          <input type="radio" name={`${id}-size`} checked={!fixed} onChange={() => change({ size: { kind: 'responsive' } })} /> Responsive (16:9, as wide as its column)
        </label>
        <label>
          <input type="radio" name={`${id}-size`} checked={fixed !== undefined} onChange={() => setFixed(640)} /> Fixed width
        </label>
        {fixed ? (
          <label>
            Width in pixels (height follows, 16:9){' '}
            <input type="number" min={280} max={3840} step={1} value={fixed.width} onChange={(event) => setFixed(Math.max(280, Math.floor(Number(event.target.value) || 280)))} />
          </label>
        ) : null}
      </fieldset>
      <div className="embed-snippets">
        <div>
          <label htmlFor={`${id}-script`}>Script embed</label>
          <textarea id={`${id}-script`} className="code" readOnly rows={4} value={script} data-testid="embed-snippet" onFocus={(event) => event.target.select()} />
          <CopyButton text={script} label="Copy embed code" />
        </div>
        <div>
          <label htmlFor={`${id}-iframe`}>Iframe embed</label>
          <textarea id={`${id}-iframe`} className="code" readOnly rows={4} value={iframe} data-testid="iframe-snippet" onFocus={(event) => event.target.select()} />
          <CopyButton text={iframe} label="Copy iframe code" />
        </div>
      </div>
      {accessMode === 'public' ? (
        <p className="watch-link">
          Watch page:{' '}
          <a href={watchPageUrl(api, videoId)} target="_blank" rel="noreferrer">
            {watchPageUrl(api, videoId)}
          </a>{' '}
          <CopyButton text={watchPageUrl(api, videoId)} label="Copy link" />
        </p>
      ) : null}
    </section>
  );
}
