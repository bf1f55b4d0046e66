// How a delivery log tells the workspace's own previews from viewers' plays, in both shapes. A preview's grant covers
// the video's files like an uncapped viewer's (grant-resource.ts), but its policy names them `…/v/{video}**` instead
// of `…/v/{video}*`: CloudFront wildcards match any run of characters, so both open exactly the same objects. The
// policy is signed, and only a request whose signature held is served and metered, so a viewer cannot make their own
// requests look like previews without a preview grant, which only `playback.authorize` with an admin's preview token
// gives. The local edge logs the verified policy's resource as `preview`; CloudFront logs carry the policy in the query
// (cs-uri-query). Grants signed before quality tiers named `…/v/{video}/**`, which ends the same way.
export const PREVIEW_RESOURCE_SUFFIX = '**';

/** `videoBase`: the video's delivery URL without a trailing slash, `…/t/{tenant}/v/{video}`. */
export function previewResource(videoBase: string): string {
  return `${videoBase}${PREVIEW_RESOURCE_SUFFIX}`;
}

export function isPreviewResource(resource: string | undefined): boolean {
  return resource !== undefined && resource.endsWith(PREVIEW_RESOURCE_SUFFIX);
}
