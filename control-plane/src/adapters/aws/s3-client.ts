// S3 clients as this codebase needs them: checksums only where S3 requires them (see s3-object-store.ts),
// path-style addressing when an endpoint is given (emulators, which cannot serve bucket sub-domains).
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3ClientOptions {
  region: string;
  endpoint?: string;
  credentials?: S3ClientConfig['credentials'];
}

export function createS3Client(options: S3ClientOptions): S3Client {
  return new S3Client({
    region: options.region,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A bucket in another region answers with a redirect the client follows instead of failing.
    followRegionRedirects: true,
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
}
