import type { KeyObject } from 'node:crypto';
import type { AccessLogSink } from './access-log.js';

export interface EdgeTenant {
  tenantId: string;
  /** Empty: any origin (`*`), since the signed URL is the protection. */
  allowedOrigins: readonly string[];
  /** The tenant's trusted key group: key pair id → public key. */
  publicKeys: ReadonlyMap<string, KeyObject>;
}

export interface EdgeTenantDirectory {
  /** Undefined when the tenant is unknown or not active. */
  tenant(tenantId: string): Promise<EdgeTenant | undefined>;
  /** The video's title, which a download is saved under (CloudFront has it from the S3 object's Content-Disposition). */
  videoTitle?(tenantId: string, videoId: string): Promise<string | undefined>;
}

/** Makes an image under `image/` the first time it is asked for (domain/images/on-demand-images.ts). */
export interface EdgeImageMaker {
  ensure(tenantId: string, videoId: string, file: readonly string[]): Promise<{ kind: 'stored' } | { kind: 'refused'; status: 400 | 404 | 503; message: string }>;
}

export interface EdgeOptions {
  /** Folder of the local object store; object key = URL path without the leading `/`. */
  storeRoot: string;
  directory: EdgeTenantDirectory;
  accessLog: AccessLogSink;
  /** The URL prefix policies are signed for, e.g. `http://127.0.0.1:8787`. */
  publicBaseUrl: string;
  now?: () => Date;
  /** Absent: images on demand are not made, and a missing image is a 404 like any missing object. */
  images?: EdgeImageMaker;
}
