// The one Resource a playback grant's CloudFront custom policy names, and the cookie paths that carry it. Rungs above HD
// are stored in the video's `-uhd` sibling folder (media/uhd-folder.ts), so:
// - a grant capped at HD names `…/v/{video}/*`: every file of the video's folder, none of the sibling's;
// - an uncapped grant names `…/v/{video}*`: both folders (video ids are UUIDs of one length, so no other video's
//   folder starts with this one's id).
// CloudFront matches `*` against any run of characters, `/` included ("Values that you specify in the policy statement
// for a signed URL that uses a custom policy", Resource: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-custom-policy.html);
// the local edge matches the same way (@ott/signing resource-pattern.ts).
import { UHD_FOLDER_SUFFIX } from '../../media/uhd-folder.js';
import { previewResource } from './preview-resource.js';

export interface GrantReach {
  /** The admin's preview (uncapped, and logged apart). */
  preview: boolean;
  /** Stops at HD: the sibling folder is out of reach. */
  cappedAtHd: boolean;
}

/** `videoBase`: `…/t/{tenant}/v/{video}`, without a trailing slash. */
export function grantResource(videoBase: string, reach: GrantReach): string {
  if (reach.preview) return previewResource(videoBase);
  return reach.cappedAtHd ? `${videoBase}/*` : `${videoBase}*`;
}

/**
 * The paths the grant's cookies are set for: a browser sends a cookie only below its path (RFC 6265 §5.1.4, path-match:
 * `/t/x/v/{video}` would not match `/t/x/v/{video}-uhd/…`, the next character not being `/`), so an uncapped grant's
 * cookies are also set on the UHD folder when the package has one.
 */
export function grantCookiePaths(videoPath: string, reach: GrantReach, hasUhdFolder: boolean): string[] {
  return reach.cappedAtHd || !hasUhdFolder ? [`${videoPath}/`] : [`${videoPath}/`, `${videoPath}${UHD_FOLDER_SUFFIX}/`];
}
