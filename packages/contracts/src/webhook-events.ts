// The events a tenant's webhook endpoints can receive. An endpoint subscribes to some (or, with none listed, to all).
// Delivered with the Standard Webhooks headers: webhook-id (the event's stable id), webhook-timestamp and
// webhook-signature (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the endpoint's `whsec_` secret).

export const WEBHOOK_EVENT_TYPES = [
  'upload.created',
  'upload.completed',
  'upload.expired',
  'video.created',
  'video.playable',
  'video.ready',
  'video.failed',
  'video.updated',
  'video.deleted',
  'viewer.invited',
  'viewer.signed_up',
  'viewer.removed',
  'billing.standing_changed',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What every delivery's JSON body is. */
export interface WebhookEventBody<Data = Record<string, unknown>> {
  /** Stable across retries and replays: a receiver that saw it already can skip it. */
  id: string;
  type: WebhookEventType;
  /** When it happened (ISO 8601). */
  createdAt: string;
  data: Data;
}
