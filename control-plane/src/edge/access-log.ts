// What the edge records per response; metering reads these back for egress bytes per tenant.

export interface AccessLogRecord {
  /** ISO 8601, when the response ended. */
  time: string;
  /** As named in the path; empty when the path named none. */
  tenantId: string;
  videoId: string;
  /** Raw path, without the query string, which carries signatures. */
  path: string;
  status: number;
  /** Body bytes handed to the socket: what an aborted download actually sent, not the file size. */
  bytes: number;
  clientIp: string;
  userAgent: string;
  range?: string;
  /** Served under a preview grant: the workspace's own preview in the portal (domain/playback/preview-resource.ts). */
  preview?: true;
}

export interface AccessLogSink {
  write(record: AccessLogRecord): void;
}
