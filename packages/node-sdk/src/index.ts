// @ott/node-sdk: the typed Node client of the OTT Cloud REST API, and webhook verification for receivers.
export type { QueryOf, RequestBody, ResponseOf } from './api-types.js';
export type { paths as OttApiPaths } from './generated/openapi.js';
export { OttApiError } from './ott-api-error.js';
export {
  OttCloud,
  type CreateOptions,
  type DirectUpload,
  type OttCloudOptions,
  type PlaybackToken,
  type UploadTicket,
  type Video,
  type VideoDetails,
  type VideoPage,
  type WebhookEndpointCreated,
} from './ott-cloud.js';
export { paginate, type PageLike } from './paginate.js';
export { putFilePart } from './put-file-part.js';
export { retryingFetch, type RetryingFetchOptions } from './retrying-fetch.js';
export { uploadFile, type UploadCalls, type UploadFileOptions, type UploadFileResult } from './upload-file.js';
export { verifyWebhook, WebhookVerificationError, type VerifyWebhookOptions, type WebhookHeaders } from './verify-webhook.js';
