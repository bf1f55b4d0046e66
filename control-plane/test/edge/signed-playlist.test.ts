import { describe, expect, it } from 'vitest';
import { propagateSigningQuery } from '../../src/edge/signed-playlist.js';

describe('propagateSigningQuery', () => {
  const query = 'Policy=abc_&Signature=x~y&Key-Pair-Id=K1';

  it('adds the signing query to variant playlists, init segments and media segments', () => {
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=640x360\n360p/index.m3u8\n';
    expect(propagateSigningQuery(master, query)).toBe(`#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=640x360\n360p/index.m3u8?${query}\n`);
    const media = '#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:6.0,\nseg_00000.m4s?v=2\n#EXT-X-ENDLIST\n';
    expect(propagateSigningQuery(media, query)).toBe(`#EXTM3U\n#EXT-X-MAP:URI="init.mp4?${query}"\n#EXTINF:6.0,\nseg_00000.m4s?v=2&${query}\n#EXT-X-ENDLIST\n`);
  });

  it('never sends the grant to another host', () => {
    const playlist = '#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="https://keys.example/k"\nhttps://other.example/seg.ts\n//cdn.example/seg.ts\n';
    expect(propagateSigningQuery(playlist, query)).toBe(playlist);
  });
});
