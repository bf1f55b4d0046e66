import { describe, expect, it } from 'vitest';
import { contentDispositionFor, downloadFilename } from '../../src/domain/videos/download-files.js';

describe('download file names', () => {
  it('are the title and the rendition, with what no file system accepts replaced', () => {
    expect(downloadFilename('Launch film', '1080p')).toBe('Launch film (1080p).mp4');
    expect(downloadFilename('  a/b\\c: "quoted" <x>|?*\n\ttabs  ', '360p')).toBe('a b c quoted x tabs (360p).mp4');
    expect(downloadFilename('', '360p')).toBe('video (360p).mp4');
    expect(downloadFilename('"""', '360p')).toBe('video (360p).mp4');
    expect([...downloadFilename('é'.repeat(500), '720p')].length).toBe(60 + ' (720p).mp4'.length);
  });

  it('go in a Content-Disposition an old browser reads as ASCII and a new one reads exactly (RFC 6266)', () => {
    expect(contentDispositionFor('Ünïcödé 日本 100%', '720p')).toBe(
      `attachment; filename="Unicode __ 100_ (720p).mp4"; filename*=UTF-8''%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20%E6%97%A5%E6%9C%AC%20100%25%20%28720p%29.mp4`,
    );
    // Nothing in the header can end the quoted string or start another parameter.
    const header = contentDispositionFor('x"; filename="evil.exe', '720p');
    expect(header.match(/"/g)).toHaveLength(2);
    expect(header).toContain('filename="x ; filename= evil.exe (720p).mp4"');
  });
});
