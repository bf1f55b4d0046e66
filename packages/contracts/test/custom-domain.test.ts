import { describe, expect, it } from 'vitest';
import { checkDeliveryDomainName } from '../src/custom-domain.js';

describe('checkDeliveryDomainName', () => {
  it('stores the name in lower case without the trailing dot DNS tools print', () => {
    expect(checkDeliveryDomainName(' Video.Example.COM. ')).toEqual({ domainName: 'video.example.com' });
    expect(checkDeliveryDomainName('cdn.shop.example.co.uk')).toEqual({ domainName: 'cdn.shop.example.co.uk' });
  });

  it.each([
    ['', /Enter a domain name/],
    ['https://video.example.com', /host name only/],
    ['video.example.com/films', /host name only/],
    ['*.example.com', /wildcard/],
    ['example.com', /use a subdomain such as video\.example\.com/],
    ['-video.example.com', /not a valid domain name/],
    ['video..example.com', /not a valid domain name/],
    ['10.0.0.1', /not a valid domain name/],
    ['d111111abcdef8.cloudfront.net', /not a domain you own/],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, /longer than the 253 characters/],
  ])('refuses %j, saying what to write instead', (entry, problem) => {
    const checked = checkDeliveryDomainName(entry);
    expect('problem' in checked && checked.problem).toMatch(problem);
  });
});
