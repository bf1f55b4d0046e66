// Standard Webhooks verification (https://www.standardwebhooks.com) with node:crypto only: what a tenant's receiver
// runs on every delivery before trusting its body. The signature is `v1,` + base64 HMAC-SHA256 of
// `${webhook-id}.${webhook-timestamp}.${raw body}` keyed by the base64-decoded part of the endpoint's `whsec_` secret;
// during a secret rotation the header carries two signatures separated by spaces, and either one is enough.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookEventBody } from '@ott/contracts';

export interface VerifyWebhookOptions {
  /** How far the delivery's timestamp may be from now, either way (replayed or forged old deliveries). Default 300. */
  toleranceSeconds?: number;
  /** Unix milliseconds; tests pass a fixed clock. */
  now?: number;
}

/** Why a delivery was refused: answer it with a 4xx and do not act on it. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

/** Header values as node:http, fetch's Headers, or a plain object give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * Checks a delivery's signature and timestamp and returns its parsed body. `rawBody` must be the bytes exactly as
 * received (parse JSON only afterwards: re-serialising changes them). Throws WebhookVerificationError otherwise.
 */
export function verifyWebhook<Data = Record<string, unknown>>(secret: string, headers: WebhookHeaders, rawBody: string | Uint8Array, options: VerifyWebhookOptions = {}): WebhookEventBody<Data> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature header: this is not a signed OTT Cloud delivery.');
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError(`The webhook-timestamp header "${timestamp}" is not a unix time in seconds.`);
  const tolerance = options.toleranceSeconds ?? 300;
  const ageSeconds = Math.floor((options.now ?? Date.now()) / 1000) - Number(timestamp);
  if (Math.abs(ageSeconds) > tolerance) {
    throw new WebhookVerificationError(
      `The delivery's timestamp is ${Math.abs(ageSeconds)} s ${ageSeconds > 0 ? 'old' : 'in the future'}, beyond the ${tolerance} s tolerance: check the receiver's clock, or it is a replay.`,
    );
  }
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
  const expected = createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.`).update(body).digest();
  const matched = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const presented = Buffer.from(signature, 'base64');
    // timingSafeEqual needs equal lengths; a length mismatch reveals nothing about the key.
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  });
  if (!matched) throw new WebhookVerificationError('No webhook-signature matches this body with the endpoint secret: check that you use the secret of this endpoint and the raw, unparsed body.');
  try {
    return JSON.parse(body.toString('utf8')) as WebhookEventBody<Data>;
  } catch {
    throw new WebhookVerificationError('The signed body is not JSON.');
  }
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new WebhookVerificationError('The webhook secret is empty: use the whsec_… secret shown when the endpoint was created or rotated.');
  return key;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value.join(' ') : value;
}
