import { describe, expect, it } from 'vitest';
import { AuthorizeError, authorizePlayback } from '../src/authorize/authorize-client.js';
import { ErrorCodes } from '../src/errors.js';
import { en } from '../src/i18n/en.js';
import { fr } from '../src/i18n/fr.js';

const GRANT = {
  videoId: 'v1',
  title: 'Launch film',
  durationSeconds: 12.5,
  branding: { accentColor: '#ff3366', logoUrl: null, showPlatformLogo: true },
  posterUrl: 'https://edge.example/t/1/v/v1/poster.jpg?Policy=p&Signature=s&Key-Pair-Id=k',
  storyboardVttUrl: 'https://edge.example/t/1/v/v1/storyboard.vtt?Policy=p&Signature=s&Key-Pair-Id=k',
  manifestUrl: 'https://edge.example/t/1/v/v1/master.m3u8',
  signedManifestUrl: 'https://edge.example/t/1/v/v1/master.m3u8?Policy=p&Signature=s&Key-Pair-Id=k',
  expiresAt: '2026-11-21T12:10:00.000Z',
  query: 'Policy=p&Signature=s&Key-Pair-Id=k',
  cookies: [],
};

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}): typeof fetch {
  return async (url, init) => {
    seen.url = String(url);
    seen.init = init;
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
}

describe('authorizePlayback', () => {
  it('posts { videoId, credential } as JSON to /trpc/playback.authorize, without cookies, and parses the grant', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const grant = await authorizePlayback({ messages: en, api: 'https://api.example/', videoId: 'v1', credential: 'jwt', fetch: fakeFetch(200, { result: { data: GRANT } }, seen) });
    expect(seen.url).toBe('https://api.example/trpc/playback.authorize');
    expect(seen.init).toMatchObject({ method: 'POST', credentials: 'omit', body: JSON.stringify({ videoId: 'v1', credential: 'jwt' }) });
    expect(grant.expiresAt).toEqual(new Date('2026-11-21T12:10:00.000Z'));
    expect(grant).toMatchObject({ title: 'Launch film', query: GRANT.query, branding: GRANT.branding });
  });

  it('sends the session of the grant it renews, and keeps the session each grant brings', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const session = '7d3c1a6e-5b52-4c6b-9a0e-2b1f4c8d9e01.AQID';
    const grant = await authorizePlayback({
      messages: en,
      api: 'https://api.example',
      videoId: 'v1',
      credential: undefined,
      playbackSession: session,
      fetch: fakeFetch(200, { result: { data: { ...GRANT, playbackSession: session } } }, seen),
    });
    expect(JSON.parse(String(seen.init?.body))).toEqual({ videoId: 'v1', playbackSession: session });
    expect(grant.playbackSession).toBe(session);
    // A control plane from before sessions: playback goes on without one.
    expect(
      (await authorizePlayback({ messages: en, api: 'https://api.example', videoId: 'v1', credential: undefined, fetch: fakeFetch(200, { result: { data: GRANT } }) })).playbackSession,
    ).toBeNull();
  });

  it('accepts the grant of a video still transcoding: no poster nor storyboard yet, and no duration', async () => {
    const early = { ...GRANT, posterUrl: null, storyboardVttUrl: null, durationSeconds: null };
    const grant = await authorizePlayback({ messages: en, api: 'https://api.example', videoId: 'v1', credential: undefined, fetch: fakeFetch(200, { result: { data: early } }) });
    expect(grant).toMatchObject({ posterUrl: null, storyboardVttUrl: null, durationSeconds: null, signedManifestUrl: GRANT.signedManifestUrl });
    const broken = { ...GRANT, posterUrl: 42 };
    await expect(authorizePlayback({ messages: en, api: 'https://api.example', videoId: 'v1', credential: undefined, fetch: fakeFetch(200, { result: { data: broken } }) })).rejects.toThrow(
      /posterUrl/,
    );
  });

  it('maps tRPC refusals to player codes and keeps the server’s message for the viewer', async () => {
    const refused = (code: string, httpStatus: number, message: string) =>
      authorizePlayback({
        messages: en,
        api: 'https://api.example',
        videoId: 'v1',
        credential: undefined,
        fetch: fakeFetch(httpStatus, { error: { message, code: -32001, data: { code, httpStatus } } }),
      });
    await expect(refused('UNAUTHORIZED', 401, 'Sign in to watch this video.')).rejects.toMatchObject({ code: ErrorCodes.UNAUTHORIZED, httpStatus: 401, message: 'Sign in to watch this video.' });
    await expect(refused('FORBIDDEN', 403, 'This video needs a playback token from the site that embeds it.')).rejects.toMatchObject({ code: ErrorCodes.FORBIDDEN });
    // A paid title: final, with the server's sentence (the offers in data.offers are for a paywall to come).
    await expect(refused('PAYMENT_REQUIRED', 402, 'This title is for paying viewers: choose one of the offers to watch it.')).rejects.toMatchObject({
      code: ErrorCodes.FORBIDDEN,
      message: 'This title is for paying viewers: choose one of the offers to watch it.',
    });
    await expect(refused('PRECONDITION_FAILED', 412, 'This video is not ready yet (processing, 40%). Try again shortly.')).rejects.toMatchObject({ code: ErrorCodes.NOT_READY });
    await expect(refused('INTERNAL_SERVER_ERROR', 500, '')).rejects.toMatchObject({ code: ErrorCodes.AUTHORIZE_FAILED, message: expect.stringMatching(/try again/i) });
  });

  it('speaks the player’s language: the API’s English gives way to the catalogue’s sentence for the refusal', async () => {
    const refused = (data: Record<string, unknown>, message: string) =>
      authorizePlayback({ messages: fr, api: 'https://api.example', videoId: 'v1', credential: undefined, fetch: fakeFetch(403, { error: { message, code: -32003, data } }) });
    await expect(refused({ code: 'FORBIDDEN', httpStatus: 403 }, 'You do not have access to this video.')).rejects.toMatchObject({ message: 'Vous n’avez pas accès à cette vidéo.' });
    await expect(refused({ code: 'FORBIDDEN', httpStatus: 403, reason: 'origin-not-allowed' }, 'Add https://site.example to the allowed embed origins.')).rejects.toMatchObject({
      code: ErrorCodes.ORIGIN_NOT_ALLOWED,
      message: 'Cette vidéo ne peut pas être lue sur ce site.',
      details: 'Add https://site.example to the allowed embed origins.',
    });
  });

  it('says why a title is unavailable: the API’s sentence in English, the catalogue’s otherwise, the opening date in the viewer’s own time zone', async () => {
    const refused = (messages: typeof en, data: Record<string, unknown>, message: string) =>
      authorizePlayback({
        messages,
        api: 'https://api.example',
        videoId: 'v1',
        credential: undefined,
        fetch: fakeFetch(403, { error: { message, code: -32003, data: { code: 'FORBIDDEN', httpStatus: 403, ...data } } }),
      });
    const country = { reason: 'not-available-in-country' };
    await expect(refused(en, country, 'Not available in your country (Germany).')).rejects.toMatchObject({
      code: ErrorCodes.NOT_AVAILABLE_IN_COUNTRY,
      message: 'Not available in your country (Germany).',
      details: undefined,
    });
    await expect(refused(fr, country, 'Not available in your country (Germany).')).rejects.toMatchObject({ message: 'Cette vidéo n’est pas disponible dans votre pays.' });
    const availableFrom = '2027-03-01T09:00:00.000Z';
    const local = (language: string) => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(availableFrom));
    await expect(refused(en, { reason: 'not-yet-available', availableFrom }, 'Available from 1 March 2027, 09:00 UTC.')).rejects.toMatchObject({
      code: ErrorCodes.NOT_YET_AVAILABLE,
      message: `This video will be available from ${local('en')}.`,
    });
    await expect(refused(fr, { reason: 'not-yet-available', availableFrom }, 'Available from 1 March 2027, 09:00 UTC.')).rejects.toMatchObject({
      message: `Cette vidéo sera disponible à partir du ${local('fr')}.`,
    });
    await expect(refused(fr, { reason: 'no-longer-available' }, 'No longer available since 1 April 2027, 00:00 UTC.')).rejects.toMatchObject({
      code: ErrorCodes.NO_LONGER_AVAILABLE,
      message: 'Cette vidéo n’est plus disponible.',
    });
  });

  it('turns an unreachable API into AUTHORIZE_FAILED, and leaves aborts as aborts', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const failure = await authorizePlayback({ messages: en, api: 'https://api.example', videoId: 'v1', credential: undefined, fetch: offline }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthorizeError);
    expect(failure).toMatchObject({ code: ErrorCodes.AUTHORIZE_FAILED });

    const controller = new AbortController();
    controller.abort();
    const aborting: typeof fetch = async () => {
      throw new DOMException('aborted', 'AbortError');
    };
    await expect(authorizePlayback({ messages: en, api: 'https://api.example', videoId: 'v1', credential: undefined, fetch: aborting, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
