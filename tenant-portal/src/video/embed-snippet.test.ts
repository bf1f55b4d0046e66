import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED_OPTIONS, embedSnippet, iframeSnippet } from './embed-snippet.js';

const API = 'https://api.acme.example';

describe('the embed snippets', () => {
  it('give a viewers-only video no credential: its viewers sign in inside the player', () => {
    const script = embedSnippet(API, 'v1', 'viewers');
    expect(script).toContain('<ott-player video-id="v1" api="https://api.acme.example"></ott-player>');
    expect(script).not.toContain('credential');
    expect(iframeSnippet(API, 'v1', 'viewers')).not.toContain('token');
  });

  it('keep the playback token placeholder for token videos, in both embeds', () => {
    expect(embedSnippet(API, 'v1', 'token')).toContain('credential="PLAYBACK_TOKEN"');
    expect(iframeSnippet(API, 'v1', 'token')).toContain(`src="${API}/embed/v1?token=PLAYBACK_TOKEN"`);
  });

  it('give a public video neither', () => {
    expect(embedSnippet(API, 'v1', 'public')).not.toContain('credential');
    expect(iframeSnippet(API, 'v1', 'public')).toContain(`src="${API}/embed/v1"`);
  });

  it('write the builder’s options as attributes and as the iframe’s query', () => {
    const options = { ...DEFAULT_EMBED_OPTIONS, autoplay: true, loop: true, startSeconds: 42, size: { kind: 'fixed' as const, width: 640, height: 360 } };
    expect(embedSnippet(API, 'v1', 'public', options)).toContain('autoplay muted loop start-time="42" style="width: 640px; height: 360px"');
    expect(iframeSnippet(API, 'v1', 'public', options)).toContain(`src="${API}/embed/v1?autoplay=1&loop=1&t=42"`);
  });

  it('let the iframe tell the embed which page framed it, so checkout comes back to that page', () => {
    expect(iframeSnippet(API, 'v1', 'public')).toContain('referrerpolicy="no-referrer-when-downgrade"');
  });
});
