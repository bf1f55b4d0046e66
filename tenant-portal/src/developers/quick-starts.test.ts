import { describe, expect, it } from 'vitest';
import { NODE_CRYPTO_RECEIVER, NODE_SDK_RECEIVER, PLACEHOLDERS, quickStarts } from './quick-starts.js';

const ORIGIN = 'https://api.acme.example';
const snippets = quickStarts(ORIGIN).flatMap((start) => start.snippets);

describe('the Developers page quick starts', () => {
  it('fill the API origin into every snippet that calls the API, and never the placeholder host', () => {
    for (const snippet of snippets) {
      expect(snippet.code, snippet.id).toContain(ORIGIN);
      expect(snippet.code, snippet.id).not.toMatch(/127\.0\.0\.1|localhost/);
    }
  });

  it('give curl commands that send the key from the environment and valid JSON bodies', () => {
    const curls = snippets.filter((snippet) => snippet.label === 'curl');
    expect(curls.map((snippet) => snippet.id)).toEqual(['direct-upload-curl', 'backend-upload-curl', 'webhook-curl', 'playback-token-curl', 'list-curl']);
    for (const snippet of curls) {
      expect(snippet.code, snippet.id).toContain('-H "Authorization: Bearer $OTT_API_KEY"');
      for (const [, body] of snippet.code.matchAll(/-d '([^']*)'/g)) expect(() => JSON.parse(body ?? ''), `${snippet.id}: ${body}`).not.toThrow();
    }
  });

  it('name each placeholder the reader replaces, in the snippets that need it', () => {
    const code = (id: string) => snippets.find((snippet) => snippet.id === id)?.code ?? '';
    expect(code('direct-upload-curl')).toContain(`"corsOrigin":"${PLACEHOLDERS.appOrigin}"`);
    expect(code('direct-upload-browser')).toContain(`<script src="${ORIGIN}/sdk/ott-upload.js"></script>`);
    expect(code('direct-upload-browser')).toContain(PLACEHOLDERS.directUploadUrl);
    expect(code('webhook-curl')).toContain(PLACEHOLDERS.webhookUrl);
    expect(code('playback-token-curl')).toContain(`"videoId":"${PLACEHOLDERS.videoId}"`);
    expect(code('embed-html')).toContain(`credential="PLAYBACK_TOKEN"`);
  });

  it('verify webhooks in constant time over the raw body, with a timestamp tolerance', () => {
    for (const receiver of [NODE_CRYPTO_RECEIVER]) {
      expect(receiver).toContain('timingSafeEqual');
      expect(receiver).toContain("createHmac('sha256'");
      expect(receiver).toContain('> 300');
    }
    expect(NODE_SDK_RECEIVER).toContain("import { verifyWebhook, WebhookVerificationError } from '@ott/node-sdk';");
  });
});
