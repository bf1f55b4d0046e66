import { describe, expect, it } from 'vitest';
import { decodeCloudFrontBase64, encodeCloudFrontBase64 } from '../src/index.js';

describe('CloudFront base64', () => {
  it('uses - _ ~ in place of + = /', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xbf, 0x00]);
    expect(bytes.toString('base64')).toBe('+/+/AA==');
    expect(encodeCloudFrontBase64(bytes)).toBe('-~-~AA__');
  });

  it('round-trips any bytes', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 97 + length) & 0xff));
      expect(decodeCloudFrontBase64(encodeCloudFrontBase64(bytes))).toEqual(bytes);
    }
  });

  it('accepts a value whose padding was left off', () => {
    expect(decodeCloudFrontBase64('-~-~AA')).toEqual(Buffer.from([0xfb, 0xff, 0xbf, 0x00]));
  });

  it('refuses standard base64, stray characters and non-canonical spellings', () => {
    expect(decodeCloudFrontBase64('+/+/AA==')).toBeUndefined();
    expect(decodeCloudFrontBase64('ab c')).toBeUndefined();
    expect(decodeCloudFrontBase64('abcde')).toBeUndefined();
    expect(decodeCloudFrontBase64('AB__')).toBeUndefined(); // 'AA__' is the canonical spelling of [0x00]
    expect(decodeCloudFrontBase64('A_A_')).toBeUndefined();
  });
});
