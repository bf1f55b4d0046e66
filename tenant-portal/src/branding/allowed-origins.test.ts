import { describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from './allowed-origins.js';

describe('parseAllowedOrigins', () => {
  it('keeps origins only, once each, and adds the portal so its previews keep playing', () => {
    expect(parseAllowedOrigins('https://Example.com/films\nhttps://example.com\n\n http://localhost:3000 ', 'https://portal.ott.example')).toEqual({
      origins: ['https://example.com', 'http://localhost:3000', 'https://portal.ott.example'],
      invalid: [],
    });
  });

  it('leaves an empty list empty (every site allowed)', () => {
    expect(parseAllowedOrigins('  \n', 'https://portal.ott.example')).toEqual({ origins: [], invalid: [] });
  });

  it('reports what is not a web address', () => {
    expect(parseAllowedOrigins('example.com\nftp://files.example', 'https://portal.ott.example').invalid).toEqual(['example.com', 'ftp://files.example']);
  });
});
