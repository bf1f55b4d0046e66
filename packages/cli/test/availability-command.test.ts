// `ott availability get|set` against the fake control plane: flags checked before any request, what is not named kept.
import { describe, expect, it } from 'vitest';
import { run, signedInFake } from './helpers/cli-harness.js';

describe('ott availability', () => {
  it('sets the window and a deny list, keeping what the flags do not name, and says the result', async () => {
    const { server, ctx } = await signedInFake();
    const first = await run(['availability', 'set', 'video-1', '--publish-at', '2027-03-01T10:00+01:00', '--deny', 'DE, AT'], ctx);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(server.inputs.get('availability.set')).toEqual({ videoId: 'video-1', publishAt: '2027-03-01T09:00:00.000Z', unpublishAt: null, countryRule: { mode: 'deny', countries: ['DE', 'AT'] } });
    expect(first.stdout).toBe(
      ['Video video-1: scheduled (not yet published)', '  from:   2027-03-01T09:00:00.000Z', '  until:  no end', '  where:  everywhere but DE (Germany), AT (Austria)', ''].join('\n'),
    );
    await run(['availability', 'set', 'video-1', '--unpublish-at', '2027-06-01T00:00:00Z'], ctx);
    expect(server.inputs.get('availability.set')).toEqual({
      videoId: 'video-1',
      publishAt: '2027-03-01T09:00:00.000Z',
      unpublishAt: '2027-06-01T00:00:00.000Z',
      countryRule: { mode: 'deny', countries: ['DE', 'AT'] },
    });
    await run(['availability', 'set', 'video-1', '--all-countries', '--publish-at', 'none'], ctx);
    expect(server.inputs.get('availability.set')).toMatchObject({ publishAt: null, countryRule: null });
    expect((await run(['availability', 'get', 'video-1'], ctx)).stdout).toContain('  where:  every country');
  });

  it('refuses a code that is not a country, a date without a zone and two rules at once, before asking the server', async () => {
    const { server, ctx } = await signedInFake();
    const uk = await run(['availability', 'set', 'video-1', '--allow', 'UK'], ctx);
    expect(uk.code).toBe(2);
    expect(uk.stderr).toContain('error: --allow: "UK" is not an ISO 3166-1 country code: use "GB" (United Kingdom).');
    const local = await run(['availability', 'set', 'video-1', '--publish-at', '2027-03-01T09:00'], ctx);
    expect(local.stderr).toContain('error: --publish-at must be an ISO 8601 date-time with a time zone, such as 2027-03-01T09:00:00Z, or none (got "2027-03-01T09:00")');
    const both = await run(['availability', 'set', 'video-1', '--allow', 'GB', '--deny', 'FR'], ctx);
    expect(both.stderr).toContain('error: give one of --allow, --deny and --all-countries');
    expect(server.calls).not.toContain('availability.set');
  });
});
