import { videoIdOfFolder } from '../media/uhd-folder.js';
import path from 'node:path';

export interface VideoObjectPath {
  tenantId: string;
  videoId: string;
  /** The folder below `v/`: the video's id, or its UHD sibling `{video}-uhd` (media/uhd-folder.ts). */
  folder: string;
  /** Decoded path segments below the video's folder, at least one. */
  file: string[];
}

export type EdgePathResult = { ok: true; value: VideoObjectPath } | { ok: false; status: 400 | 404; reason: 'bad-path' | 'not-found' };

const badPath = { ok: false, status: 400, reason: 'bad-path' } as const;
const notFound = { ok: false, status: 404, reason: 'not-found' } as const;

/**
 * Parses `/t/{tenantId}/v/{videoId}/{file…}` (or `/v/{videoId}-uhd/…`) from the raw (still percent-encoded) path. Anything
 * that could walk out of a folder once decoded, or that different layers could decode differently,
 * is refused here, before a file name is ever built.
 */
export function parseEdgePath(rawPath: string): EdgePathResult {
  if (!rawPath.startsWith('/') || /[\\\0]|%(2f|5c|00)/i.test(rawPath)) return badPath;
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return badPath;
    }
    if (segment === '.' || segment === '..' || /[/\\\p{Cc}]/u.test(segment)) return badPath;
    segments.push(segment);
  }
  const [t, tenantId, v, folder, ...file] = segments;
  if (t !== 't' || v !== 'v' || !tenantId || !folder || file.length === 0 || file.some((s) => s === '')) return notFound;
  return { ok: true, value: { tenantId, videoId: videoIdOfFolder(folder), folder, file } };
}

/** The object's file, or undefined if it would resolve outside its video's folder (a second wall). */
export function videoObjectFile(storeRoot: string, object: VideoObjectPath): string | undefined {
  const videoRoot = path.resolve(storeRoot, 't', object.tenantId, 'v', object.folder);
  const file = path.resolve(videoRoot, ...object.file);
  return file.startsWith(videoRoot + path.sep) ? file : undefined;
}
