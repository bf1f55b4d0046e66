// The viewer-country settings as the API process reads them: a header name, a fixed country checked against ISO 3166-1.
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/env.js';

describe('viewer country settings', () => {
  it('reads the header name and the default country, and explains a code that is not one', () => {
    const env = readEnv({ OTT_VIEWER_COUNTRY_HEADER: 'CloudFront-Viewer-Country', OTT_DEFAULT_VIEWER_COUNTRY: 'GB' });
    expect(env).toMatchObject({ OTT_VIEWER_COUNTRY_HEADER: 'CloudFront-Viewer-Country', OTT_DEFAULT_VIEWER_COUNTRY: 'GB' });
    expect(readEnv({}).OTT_DEFAULT_VIEWER_COUNTRY).toBeUndefined();
    expect(() => readEnv({ OTT_DEFAULT_VIEWER_COUNTRY: 'UK' })).toThrow('OTT_DEFAULT_VIEWER_COUNTRY: "UK" is not an ISO 3166-1 country code: use "GB" (United Kingdom).');
    expect(() => readEnv({ OTT_VIEWER_COUNTRY_HEADER: 'X Country' })).toThrow('OTT_VIEWER_COUNTRY_HEADER: a header name, such as CloudFront-Viewer-Country');
  });
});
