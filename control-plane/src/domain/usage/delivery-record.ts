// One response an edge served, as metering needs it: whichever log it came from (the local edge's JSON lines,
// CloudFront standard logs), egress is counted from these.
import { videoIdOfFolder } from '../../media/uhd-folder.js';
export interface DeliveryRecord {
  time: Date;
  /** As named in the request path; may name no tenant we know (probes, typos). */
  tenantId: string;
  videoId: string;
  path: string;
  status: number;
  /** Body bytes sent to the viewer. */
  bytes: number;
  /** The edge refused or failed the request whatever its status says (CloudFront's result types); else the status decides. */
  refused?: boolean;
  /** Served under a preview grant (domain/playback/preview-tokens.ts): the workspace's own preview in the portal. */
  preview?: boolean;
}

export interface ParsedLog {
  records: DeliveryRecord[];
  /** Lines that could not be read; counted and reported, never fatal. */
  malformed: number;
}

const VIDEO_PATH = /^\/t\/([^/]+)\/v\/([^/]+)\//;

/** Tenant and video ids from a `/t/{tenant}/v/{video}/…` (or `{video}-uhd/…`) path; empty strings when the path has another shape. */
export function idsFromPath(path: string): { tenantId: string; videoId: string } {
  const match = VIDEO_PATH.exec(path);
  return { tenantId: match?.[1] ?? '', videoId: videoIdOfFolder(match?.[2] ?? '') };
}
