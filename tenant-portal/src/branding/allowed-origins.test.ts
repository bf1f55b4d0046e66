import { describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from './allowed-origins.js';

describe('parseAllowedOrigins', () => {
  it('keeps origins normalised, once each, and adds the portal so its previews keep playing', () => {
    expect(parseAllowedOrigins('https://Example.com:443/\nhttps://example.com\n\n http://localhost:3000 ', 'https://portal.ott.example')).toEqual({
      origins: ['https://example.com', 'http://localhost:3000', 'https://portal.ott.example'],
      problems: [],
    });
  });

  it('leaves an empty list empty (every site allowed)', () => {
    expect(parseAllowedOrigins('  \n', 'https://portal.ott.example')).toEqual({ origins: [], problems: [] });
  });

  it('says what is wrong with each entry that is not an origin, as the server would', () => {
    expect(parseAllowedOrigins('example.com\nftp://files.example\nhttps://example.com/films\nhttps://*.example.com\njavascript:alert(1)', 'https://portal.ott.example').problems).toEqual([
      '"example.com" needs http:// or https:// in front, such as https://www.example.com.',
      '"ftp://files.example" is not a web origin: only http:// and https:// sites can embed your videos.',
      '"https://example.com/films" has a path, query or fragment: an origin is the site only, such as https://example.com.',
      '"https://*.example.com" has a wildcard: list each site on its own line, such as https://www.example.com.',
      '"javascript:alert(1)" is not a web origin: only http:// and https:// sites can embed your videos.',
    ]);
  });
});
