// @ott/upload-client: one resumable multipart upload client for every app that sends files to OTT Cloud.
export { openUpload, type OpenUpload, type UploadApi } from './open-upload.js';
export { bytesIn, checkPlan, missingParts, partRange, type PartPlan, type PartRange } from './part-plan.js';
export { PartUrlPool, type AnyPartUrlBatch, type FetchPartUrls, type PartUrls } from './part-url-pool.js';
export type { ResumeState } from './resume-state.js';
export { sendParts, type PartPut, type PutPart, type PutResult, type SendPartsOptions, type UploadedPart } from './send-parts.js';
export { storeMessage } from './store-message.js';
export { UploadClientError, type UploadProblem } from './upload-client-error.js';
export { DirectUploadError, directUploadApi, parseDirectUploadUrl, type DirectUploadApi, type DirectUploadProgress, type DirectUploadTarget } from './direct-upload-api.js';
export { putPartWithXhr, type BlobPut, type PutBlob } from './xhr-put-part.js';
