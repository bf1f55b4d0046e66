// One PUT of one part from the file to its signed URL: the upload client's XMLHttpRequest sender (it reports upload
// progress, which the per-file progress bar needs), under the names the portal's upload code uses.
export { putPartWithXhr, type BlobPut as PutPartInput, type PutBlob as PutPart } from '@ott/upload-client';
