// CloudFront's URL-safe base64 (`+`→`-`, `=`→`_`, `/`→`~`), used for policies and signatures.

const toCloudFront: Record<string, string> = { '+': '-', '=': '_', '/': '~' };
const fromCloudFront: Record<string, string> = { '-': '+', _: '=', '~': '/' };

export function encodeCloudFrontBase64(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  return bytes.toString('base64').replace(/[+=/]/g, (c) => toCloudFront[c] ?? c);
}

/**
 * Returns undefined for anything that is not the canonical encoding of some bytes (padding may be
 * left off). Node's decoder skips characters it does not know, so without the round trip two
 * different strings could decode to the same signature and a tampered value would go unnoticed.
 */
export function decodeCloudFrontBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9~-]*_{0,2}$/.test(text)) return undefined;
  const unpadded = text.replace(/_+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  const bytes = Buffer.from(
    unpadded.replace(/[-~]/g, (c) => fromCloudFront[c] ?? c),
    'base64',
  );
  const canonical = encodeCloudFrontBase64(bytes);
  const matches = text.length === unpadded.length ? canonical.replace(/_+$/, '') === text : canonical === text;
  return matches ? bytes : undefined;
}
