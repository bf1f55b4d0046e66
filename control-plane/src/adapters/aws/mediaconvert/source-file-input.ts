// The job's FileInput: the tenant's original in the tenant's own bucket, `s3://{bucket}/sources/{tenantId}/{videoId}/
// original{.ext}`, from the key the upload code chose (never a path, URL or name an upload supplies).
//
// MediaConvert's Input has no setting that pins the container (its fields: FileInput, selectors, clipping, filters,
// SupplementalImps, … — https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobs-model-input),
// and MediaConvert itself follows packages that name other files: an HLS manifest given as FileInput
// (https://docs.aws.amazon.com/mediaconvert/latest/ug/using-hls-inputs.html) and an IMF CPL, "s3://…/cpl.xml"
// (FileInput in the API reference above). So the upload is probed locally first with the local shape's allow-list
// (probe-media.ts refuses playlists, lists and references), the key's extension (the one part an uploader chose)
// may not be a manifest's, and the tenant's MediaConvert role reads `sources/{tenantId}/` of its own bucket only
// (tenant-infra mediaconvert-access.ts).
import { UnplayableMediaError } from '../../../domain/videos/unplayable-media-error.js';

/** `sources/{tenantId}/{videoId}/original` and an optional short lowercase extension (videos/uploads.ts). */
const SOURCE_KEY = /^sources\/([\w-]+)\/([\w-]+)\/original(?:\.([a-z0-9]{1,8}))?$/;
/** Extensions MediaConvert reads as a manifest of other files: HLS (m3u8, m3u), DASH (mpd), IMF CPL (xml). */
const MANIFEST_EXTENSIONS = new Set(['m3u8', 'm3u', 'mpd', 'xml']);

export interface SourceObject {
  tenantId: string;
  key: string;
}

/** The tenant and key of an original; throws for any other key (a bug: only the upload code writes these keys). */
export function sourceObject(key: string | undefined): SourceObject {
  const match = SOURCE_KEY.exec(key ?? '');
  if (!key || !match?.[1]) throw new Error(`MediaConvert transcodes only originals (sources/{tenantId}/{videoId}/original.ext), not ${JSON.stringify(key)}`);
  return { tenantId: match[1], key };
}

/** `s3://{bucket}/{key}` once the name cannot make MediaConvert read the file as a manifest. */
export function sourceFileInput(bucket: string, source: SourceObject): string {
  const extension = SOURCE_KEY.exec(source.key)?.[3];
  if (extension !== undefined && MANIFEST_EXTENSIONS.has(extension)) {
    throw new UnplayableMediaError(
      'not-media',
      `The file's name ends in .${extension}, which marks a playlist or manifest, not a video. Rename it to its real type (for example .mp4) and upload it again.`,
    );
  }
  return `s3://${bucket}/${source.key}`;
}
