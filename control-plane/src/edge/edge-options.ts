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

export interface EdgeOptions {
  /** Folder of the local object store; object key = URL path without the leading `/`. */
  storeRoot: string;
  directory: EdgeTenantDirectory;
  accessLog: AccessLogSink;
  /** The URL prefix policies are signed for, e.g. `http://127.0.0.1:8787`. */
  publicBaseUrl: string;
  now?: () => Date;
}
