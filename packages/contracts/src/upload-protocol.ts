// The resumable multipart upload as it travels: videos.createUpload gives a ticket (how the file is cut, and
// signed URLs for its parts), videos.partUrls fresh URLs, videos.listParts what the store holds. `When` is a
// Date on the server and an ISO string over JSON.

/** Signed PUT URLs for some of an upload's parts, all expiring together. */
export interface PartUrlBatch<When = Date> {
  parts: { partNumber: number; url: string }[];
  urlsExpireAt: When;
}

export interface UploadTicket<When = Date> extends PartUrlBatch<When> {
  videoId: string;
  partSize: number;
  partCount: number;
  /** The upload must be completed by then; after it, its parts are deleted and the file must be uploaded again. */
  expiresAt: When;
}

/** A part the store holds, with its size: one shorter than the plan says was cut off and is sent again. */
export interface StoredPart {
  partNumber: number;
  size: number;
  etag: string;
}

export interface StoredParts<When = Date> {
  partSize: number;
  partCount: number;
  expiresAt: When;
  parts: StoredPart[];
}
