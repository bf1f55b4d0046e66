// Static MP4 downloads of a video: switched on per video, made from its package, fetched through signed links.

/** `none`: switched off, or on and waiting for the video to be ready; `processing`: being made. */
export type DownloadsStatus = 'none' | 'processing' | 'ready' | 'failed';

export interface DownloadFile {
  /** The rendition it is made from: `1080p`, `360p`. */
  name: string;
  width: number;
  height: number;
  bytes: number;
}

export interface DownloadsView {
  videoId: string;
  enabled: boolean;
  status: DownloadsStatus;
  failureReason: string | null;
  files: DownloadFile[];
}

/** A signed link per file, valid until `expiresAt` (a download that has started finishes; a new one needs new links). */
export interface DownloadLinks {
  videoId: string;
  expiresAt: Date;
  files: (DownloadFile & { url: string; filename: string })[];
}
