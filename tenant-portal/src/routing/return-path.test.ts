import { describe, expect, it } from 'vitest';
import { loginPathReturningTo, returnPathFrom } from './return-path.js';

const ORIGIN = 'https://portal.example';

describe('the page signing in returns to', () => {
  it('comes back to the interrupted page with its query', () => {
    const login = new URL(loginPathReturningTo('/videos/42?tab=embed'), ORIGIN);
    expect(login.pathname).toBe('/login');
    expect(returnPathFrom(login.search, ORIGIN)).toBe('/videos/42?tab=embed');
  });

  it('needs no query for the library', () => {
    expect(loginPathReturningTo('/')).toBe('/login');
    expect(returnPathFrom('', ORIGIN)).toBe('/');
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'videos/42', '/%2F%2Fevil.example'])('never leaves the origin for next=%s', (next) => {
    const target = returnPathFrom(`?${new URLSearchParams({ next }).toString()}`, ORIGIN);
    expect(new URL(target, ORIGIN).origin).toBe(ORIGIN);
    expect(target.startsWith('/') && !target.startsWith('//')).toBe(true);
  });
});
