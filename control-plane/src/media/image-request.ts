// The on-demand image's address below a video's prefix: `image/{time}/{width}.jpg`, time in seconds (up to three
// decimals) and width in pixels, each in exactly one spelling, so one picture is one object in the store and one entry
// in every cache (`12.50` or `012.5` would make copies of `12.5`).
export const IMAGE_FOLDER = 'image';
export const IMAGE_WIDTH_LIMITS = { min: 16, max: 1920 } as const;

const TIME_SPELLING = /^(0|[1-9]\d{0,5})(\.\d{0,2}[1-9])?$/;
const WIDTH_SPELLING = /^[1-9]\d{0,3}\.jpg$/;

export type ImageRequest = { ok: true; timeSeconds: number; width: number } | { ok: false; message: string };

/** The path segments below the video's prefix; not one of ours when it is not `image/…/….jpg`. */
export function isImagePath(file: readonly string[]): boolean {
  return file[0] === IMAGE_FOLDER;
}

export function parseImageRequest(file: readonly string[]): ImageRequest {
  const [folder, time, name, ...rest] = file;
  if (folder !== IMAGE_FOLDER || time === undefined || name === undefined || rest.length > 0) {
    return { ok: false, message: `An image's address is ${IMAGE_FOLDER}/{time}/{width}.jpg, for example ${IMAGE_FOLDER}/12.5/640.jpg.` };
  }
  if (!TIME_SPELLING.test(time)) {
    return { ok: false, message: `"${time}" is not a time: write seconds with at most three decimals and no extra zeros, for example 12.5 or 0.` };
  }
  if (!WIDTH_SPELLING.test(name)) return { ok: false, message: `"${name}" is not a width: write {width}.jpg with the width in pixels, for example 640.jpg.` };
  const width = Number(name.slice(0, -'.jpg'.length));
  if (width < IMAGE_WIDTH_LIMITS.min || width > IMAGE_WIDTH_LIMITS.max) {
    return { ok: false, message: `The width ${width} is outside ${IMAGE_WIDTH_LIMITS.min}–${IMAGE_WIDTH_LIMITS.max} pixels.` };
  }
  return { ok: true, timeSeconds: Number(time), width };
}

/** The one spelling parseImageRequest accepts: the time rounded to the millisecond. */
export function imagePath(timeSeconds: number, width: number): string {
  return `${IMAGE_FOLDER}/${String(Math.round(timeSeconds * 1000) / 1000)}/${width}.jpg`;
}
