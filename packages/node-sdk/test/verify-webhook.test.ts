// The receiver's check against signatures made by `standardwebhooks` (an independent implementation of the scheme
// the platform signs with), and against what an attacker or a stale retry would send.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../src/verify-webhook.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const body = JSON.stringify({ id: 'evt_1', type: 'video.ready', createdAt: '2026-12-06T00:00:00.000Z', data: { id: 'v1', title: 'Launch' } });
const sentAt = new Date('2026-12-06T12:00:00Z');

function signed(withSecret = secret, payload = body, at = sentAt, id = 'evt_1'): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(withSecret).sign(id, at, payload) };
}

describe('verifyWebhook', () => {
  it('accepts a delivery signed by standardwebhooks and returns the typed event', () => {
    const event = verifyWebhook<{ title: string }>(secret, signed(), body, { now: sentAt.getTime() });
    expect(event.type).toBe('video.ready');
    expect(event.data.title).toBe('Launch');
  });

  it('accepts fetch Headers, mixed-case keys and a Uint8Array body', () => {
    const headers = new Headers(signed());
    expect(verifyWebhook(secret, headers, new TextEncoder().encode(body), { now: sentAt.getTime() }).id).toBe('evt_1');
    const upper = Object.fromEntries(Object.entries(signed()).map(([key, value]) => [key.toUpperCase(), value]));
    expect(verifyWebhook(secret, upper, body, { now: sentAt.getTime() }).id).toBe('evt_1');
  });

  it('accepts either of two signatures during a secret rotation', () => {
    const next = `whsec_${randomBytes(32).toString('base64')}`;
    const headers = signed();
    headers['webhook-signature'] = `${signed(next)['webhook-signature']} ${headers['webhook-signature']}`;
    expect(verifyWebhook(secret, headers, body, { now: sentAt.getTime() }).id).toBe('evt_1');
    expect(verifyWebhook(next, headers, body, { now: sentAt.getTime() }).id).toBe('evt_1');
    expect(() => verifyWebhook(`whsec_${randomBytes(32).toString('base64')}`, headers, body, { now: sentAt.getTime() })).toThrow(WebhookVerificationError);
  });

  it('refuses a tampered body, a changed id and a wrong secret', () => {
    const now = { now: sentAt.getTime() };
    expect(() => verifyWebhook(secret, signed(), body.replace('Launch', 'Lunch'), now)).toThrow(/No webhook-signature matches/);
    expect(() => verifyWebhook(secret, { ...signed(), 'webhook-id': 'evt_2' }, body, now)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(`whsec_${randomBytes(32).toString('base64')}`, signed(), body, now)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(secret, { ...signed(), 'webhook-signature': 'v1,AAAA' }, body, now)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(secret, { ...signed(), 'webhook-signature': `v2,${(signed()['webhook-signature'] ?? '').slice(3)}` }, body, now)).toThrow(WebhookVerificationError);
  });

  it('refuses an old or future timestamp beyond the tolerance, and a missing header', () => {
    expect(() => verifyWebhook(secret, signed(), body, { now: sentAt.getTime() + 301_000 })).toThrow(/301 s old/);
    expect(() => verifyWebhook(secret, signed(), body, { now: sentAt.getTime() - 400_000 })).toThrow(/in the future/);
    expect(verifyWebhook(secret, signed(), body, { now: sentAt.getTime() + 3_000_000, toleranceSeconds: 3600 }).id).toBe('evt_1');
    const { 'webhook-signature': _dropped, ...unsigned } = signed();
    expect(() => verifyWebhook(secret, unsigned, body, { now: sentAt.getTime() })).toThrow(/Missing webhook-id/);
  });

  it('verifies what it is given the same way standardwebhooks does', () => {
    const headers = signed();
    const now = Date.now();
    const fresh = signed(secret, body, new Date(now));
    expect(new Webhook(secret).verify(body, fresh)).toEqual(verifyWebhook(secret, fresh, body));
    expect(() => new Webhook(secret).verify(body.replace('Launch', 'Lunch'), fresh)).toThrow();
    expect(headers['webhook-signature']).toMatch(/^v1,/);
  });
});
