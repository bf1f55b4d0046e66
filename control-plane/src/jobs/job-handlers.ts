// The dispatch table: every job type of JobPayload and its handler. The worker registers from here, so a new job
// type is a payload in ports.ts, a file in handlers/, and a line below (the type checker asks for the line).
import { applySigningKeys } from './handlers/apply-signing-keys.js';
import { captionVideo } from './handlers/caption-video.js';
import { applyCustomDomain } from './handlers/apply-custom-domain.js';
import { checkCustomDomain } from './handlers/check-custom-domain.js';
import { closeBillingPeriods } from './handlers/close-billing-periods.js';
import { encodeDub } from './handlers/encode-dub.js';
import { flushMeterOutbox } from './handlers/flush-meter-outbox.js';
import { importVideo } from './handlers/import-video.js';
import { ingestEgress } from './handlers/ingest-egress.js';
import { makeDownloads } from './handlers/make-downloads.js';
import { offboardTenant } from './handlers/offboard-tenant.js';
import { replaceVideoSource } from './handlers/replace-video-source.js';
import { provisionTenant } from './handlers/provision-tenant.js';
import { sampleStorage } from './handlers/sample-storage.js';
import { sendAdminPasswordReset } from './handlers/send-admin-password-reset.js';
import { transcodeVideo } from './handlers/transcode-video.js';
import type { JobType } from '../ports.js';
import type { JobHandler } from './job-handler.js';

export const JOB_HANDLERS: { [T in JobType]: JobHandler<T> } = {
  'provision-tenant': provisionTenant,
  'offboard-tenant': offboardTenant,
  'apply-signing-keys': applySigningKeys,
  'transcode-video': transcodeVideo,
  'replace-video-source': replaceVideoSource,
  'make-downloads': makeDownloads,
  'encode-dub': encodeDub,
  'import-video': importVideo,
  'caption-video': captionVideo,
  'ingest-egress': ingestEgress,
  'sample-storage': sampleStorage,
  'flush-meter-outbox': flushMeterOutbox,
  'close-billing-periods': closeBillingPeriods,
  'apply-custom-domain': applyCustomDomain,
  'check-custom-domain': checkCustomDomain,
  'send-admin-password-reset': sendAdminPasswordReset,
};
