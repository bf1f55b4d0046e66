import type { Stats } from 'node:fs';

/** Validators for a stored object; objects are replaced by rename, so size + mtime identify a version. */
export interface ObjectValidators {
  etag: string;
  lastModified: string;
  /** Last-Modified as HTTP dates carry it, in whole seconds. */
  modifiedSecondsMs: number;
}

export function objectValidators(stats: Stats): ObjectValidators {
  const modifiedSecondsMs = Math.floor(stats.mtimeMs / 1000) * 1000;
  return {
    etag: `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`,
    lastModified: new Date(modifiedSecondsMs).toUTCString(),
    modifiedSecondsMs,
  };
}

/** If-None-Match (weak comparison) wins over If-Modified-Since, as RFC 9110 says. */
export function isNotModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, validators: ObjectValidators): boolean {
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(validators.etag);
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && validators.modifiedSecondsMs <= since;
}

/** If-Range: honour the Range only while the client's copy is still this exact version (strong match). */
export function rangeStillValid(ifRange: string | undefined, validators: ObjectValidators): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === validators.etag;
  return Date.parse(value) === validators.modifiedSecondsMs;
}
