import { createHash, randomBytes } from 'node:crypto';

/** Short upper-case id in the style of CloudFront key pair ids (K + 13 base32 characters). */
export function keyPairId(prefix = 'K'): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + Array.from(randomBytes(13), (byte) => alphabet[byte % 32]).join('');
}

export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
