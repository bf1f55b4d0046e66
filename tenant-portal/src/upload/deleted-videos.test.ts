import { describe, expect, it } from 'vitest';
import { deletedVideoIds } from './deleted-videos.js';

describe('deletedVideoIds', () => {
  it('reads the deleted videos from a delete or a bulk delete', () => {
    expect(deletedVideoIds([['videos', 'delete']], { videoId: 'v1' })).toEqual(['v1']);
    expect(deletedVideoIds([['videos', 'bulkDelete']], { videoIds: ['v1', 'v2'] })).toEqual(['v1', 'v2']);
  });

  it('finds none in other calls', () => {
    expect(deletedVideoIds([['videos', 'update']], { videoId: 'v1' })).toEqual([]);
    expect(deletedVideoIds(undefined, { videoId: 'v1' })).toEqual([]);
  });
});
