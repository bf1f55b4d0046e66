// The checks the server makes on a logo, made first in the browser so a wrong file is refused at once.

export const MAX_LOGO_BYTES = 512 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** Why this file cannot be a logo, or undefined when it can. */
export function logoProblem(file: Pick<File, 'type' | 'size' | 'name'>): string | undefined {
  if (!LOGO_TYPES.includes(file.type)) return `${file.name} is not a PNG, JPEG or WebP image. (SVG is not accepted: it can carry scripts into your viewers' pages.)`;
  if (file.size > MAX_LOGO_BYTES) return `${file.name} is ${Math.round(file.size / 1024)} KB; logos can be at most 512 KB. Export a smaller image.`;
  return undefined;
}

/** The file's bytes as base64, as `tenants.setLogo` takes them. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In chunks: spreading a large array into one call overflows the argument limit.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}
