import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { endsAdminSession } from './api-error.js';

/** An error as tRPC hands it over for one call: the code, and the procedure that answered. */
function answered(code: string, path: string) {
  return TRPCClientError.from({ error: { message: 'refused', code: -32001, data: { code, httpStatus: code === 'UNAUTHORIZED' ? 401 : 403, path } } });
}

describe('endsAdminSession', () => {
  it('is true for a 401 from a call made with the admin session', () => {
    expect(endsAdminSession(answered('UNAUTHORIZED', 'videos.update'))).toBe(true);
  });

  it('is false for the player refusing a preview, and for other errors', () => {
    expect(endsAdminSession(answered('UNAUTHORIZED', 'playback.authorize'))).toBe(false);
    expect(endsAdminSession(answered('FORBIDDEN', 'videos.update'))).toBe(false);
    expect(endsAdminSession(new TypeError('Failed to fetch'))).toBe(false);
  });
});
