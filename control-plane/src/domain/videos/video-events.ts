// The webhook events about a video and its upload: the video's public view (never its storage keys), recorded in the
// transaction that changed it, ordered per video (a receiver gets `video.created` before `video.ready`).
import type { WebhookEventType } from '@ott/contracts';
import type { Db } from '../../db/database.js';
import type { Video } from '../../db/schema.js';
import { recordWebhookEvent } from '../webhooks/record-webhook-event.js';
import { toVideoView } from './video-library.js';

export async function recordVideoEvents(db: Db, types: readonly WebhookEventType[], video: Video, now: Date): Promise<void> {
  const { sourceSize, ...view } = toVideoView(video);
  for (const type of types) await recordWebhookEvent(db, { tenantId: video.tenant_id, type, orderingKey: video.id, data: { ...view, sourceSize }, now });
}
