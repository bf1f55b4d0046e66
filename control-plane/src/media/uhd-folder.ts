// Where a package's rungs taller than HD are stored: in a sibling of the video's folder, `t/{tenant}/v/{video}-uhd/…`,
// beside `t/{tenant}/v/{video}/…`. A CloudFront custom policy has one Resource with wildcards, so a grant can name
// `…/v/{video}/*` (everything but the sibling: HD tiers) or `…/v/{video}*` (both folders: every rung); no wildcard
// could name "the video's folder but its 2160p subfolder". The sibling keeps the package's own relative layout
// (`2160p/…`, `r2/2160p/…`), so every publisher maps a package path to its key with the one function below.
//
// The suffix uses only characters S3 lists as safe in keys (letters, digits, `-`): a `+` would need special handling
// (S3 user guide, "Naming Amazon S3 objects", https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).

/** The tallest rung an HD grant reaches; rungs above it are stored in the sibling. */
export const HD_MAX_HEIGHT = 1080;
export const UHD_FOLDER_SUFFIX = '-uhd';

/**
 * The master without the UHD rungs, in a folder of the package so that it is still a `master.m3u8` (delivery logs count
 * a play per master fetched) and the package's relative paths need only one `../`.
 */
export const HD_MASTER_PLAYLIST = 'hd/master.m3u8';

/** Rungs are named by their picture's short side (media/plan-ladder.ts): `2160p` is UHD, `1080p` and below are not. */
export function isUhdRung(renditionName: string): boolean {
  const match = /^(\d+)p$/.exec(renditionName);
  return match !== null && Number(match[1]) > HD_MAX_HEIGHT;
}

/** A picture taller than HD on its short side: what an HD grant must not reach. */
export function isUhdPicture(picture: { width: number; height: number }): boolean {
  return Math.min(picture.width, picture.height) > HD_MAX_HEIGHT;
}

/** Does this path inside a package (`2160p/seg_00001.m4s`) belong to a UHD rung, so to the sibling folder? */
export function isUhdPackagePath(relativePath: string): boolean {
  return isUhdRung(relativePath.slice(0, relativePath.indexOf('/')));
}

const PACKAGE_PREFIX = /^(t\/[^/]+\/v\/)([^/]+)\/(.*)$/;

/** `t/{tenant}/v/{video}/{rest}` → `t/{tenant}/v/{video}-uhd/{rest}`: the sibling of a prefix inside a video's folder. */
export function uhdSiblingOf(prefix: string): string {
  const match = PACKAGE_PREFIX.exec(prefix);
  if (!match) throw new Error(`${prefix} is not inside a video's folder`);
  return `${match[1]}${match[2]}${UHD_FOLDER_SUFFIX}/${match[3]}`;
}

/** The store key of `relativePath` in the package published at `packagePrefix` (`t/{tenant}/v/{video}/` or `…/r{n}/`). */
export function packageObjectKey(packagePrefix: string, relativePath: string): string {
  return `${isUhdPackagePath(relativePath) ? uhdSiblingOf(packagePrefix) : packagePrefix}${relativePath}`;
}

/** Both folders a package (or a video, for `t/{tenant}/v/{video}/`) may have files in: what deleting it must clear. */
export function packageFolders(packagePrefix: string): [string, string] {
  return [packagePrefix, uhdSiblingOf(packagePrefix)];
}

/** The video's id of a folder name in `t/{tenant}/v/{folder}/…`: the sibling's is its video's. */
export function videoIdOfFolder(folder: string): string {
  return folder.endsWith(UHD_FOLDER_SUFFIX) ? folder.slice(0, -UHD_FOLDER_SUFFIX.length) : folder;
}
