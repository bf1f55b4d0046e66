// @vitest-environment happy-dom
// The built-in sign-in around a fake control plane: the form over the poster in the tenant's branding and the
// player's language, the first sign-in's new password, the session kept per tenant for the next embed, sign-out,
// and the snippet's placeholder credential.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPlayer, Events, ViewerAuthError, type OttPlayer } from '../src/index.js';

const VIDEO_ID = '5b0c8f5e-3f7a-4a8e-9a51-0d6f8c3b2a11';
const ID_TOKEN = 'header.viewer-claims.signature';
const SCREEN = {
  tenantSlug: 'acme',
  title: 'Launch film',
  branding: { accentColor: '#ff3366', logoUrl: 'https://api.example/branding/acme/logo.png', showPlatformLogo: false },
  posterUrl: 'https://edge.example/t/acme/v/1/poster.jpg?Policy=poster-only',
};
const GRANT = {
  videoId: VIDEO_ID,
  title: 'Launch film',
  durationSeconds: 30,
  branding: SCREEN.branding,
  posterUrl: null,
  storyboardVttUrl: null,
  manifestUrl: 'https://edge.example/master.m3u8',
  signedManifestUrl: 'https://edge.example/master.m3u8?Policy=p&Signature=s&Key-Pair-Id=k',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  query: 'Policy=p&Signature=s&Key-Pair-Id=k',
};

/** playback.authorize grants the viewer's token only; viewerAuth signs in ada@ with a temporary password first. */
function controlPlane() {
  const calls: { procedure: string; input: Record<string, unknown> }[] = [];
  const trpcError = (message: string, code: string, status: number) => Response.json({ error: { message, data: { code, httpStatus: status } } }, { status });
  const fetch = vi.fn<typeof globalThis.fetch>(async (url, init) => {
    const address = new URL(String(url));
    const procedure = address.pathname.replace('/trpc/', '');
    const input = (init?.body ? JSON.parse(String(init.body)) : JSON.parse(address.searchParams.get('input') ?? '{}')) as Record<string, unknown>;
    calls.push({ procedure, input });
    switch (procedure) {
      case 'playback.authorize':
        return input.credential === ID_TOKEN ? Response.json({ result: { data: GRANT } }) : trpcError('Sign in to watch this video.', 'UNAUTHORIZED', 401);
      case 'viewerAuth.signInScreen':
        return Response.json({ result: { data: SCREEN } });
      case 'viewerAuth.signIn':
        if (input.password === 'temporary') return Response.json({ result: { data: { kind: 'new-password-required', session: 'challenge' } } });
        return trpcError('That email and password do not match.', 'UNAUTHORIZED', 401);
      case 'viewerAuth.completeNewPassword':
        return Response.json({ result: { data: { idToken: ID_TOKEN, expiresAt: new Date(Date.now() + 3600_000).toISOString() } } });
      default:
        return trpcError('No such procedure', 'NOT_FOUND', 404);
    }
  });
  return { fetch, calls };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

const shadow = (player: OttPlayer) => player.element.shadowRoot as ShadowRoot;
const form = (player: OttPlayer) => shadow(player).querySelector<HTMLElement>('.sign-in');

function mount(api: ReturnType<typeof controlPlane>, options: { lang?: string; credential?: string } = {}): OttPlayer {
  const host = document.body.appendChild(document.createElement('div'));
  return createPlayer(host, { videoId: VIDEO_ID, api: 'https://api.example', fetch: api.fetch, qoe: false, engine: 'native', ...options });
}

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('sign-in inside the player', () => {
  it('shows the poster, the logo and a sign-in form; signs in, asks for a new password, then plays, and keeps the session for the next embed', async () => {
    const api = controlPlane();
    const player = mount(api, { lang: 'en' });
    const required = vi.fn();
    player.on(Events.SIGN_IN_REQUIRED, required);
    await settle();
    expect(form(player)?.hidden).toBe(false);
    expect(player.video.poster).toBe(SCREEN.posterUrl);
    expect(shadow(player).querySelector<HTMLImageElement>('.sign-in-logo')?.src).toBe(SCREEN.branding.logoUrl);
    expect(shadow(player).querySelector('.sign-in-heading')?.textContent).toBe('Sign in to watch “Launch film”');
    expect(required).toHaveBeenCalledWith({ message: 'Sign in to watch this video.' });

    await expect(player.signIn('ada@viewers.example', 'wrong')).rejects.toThrow(ViewerAuthError);
    expect(await player.signIn('ada@viewers.example', 'temporary')).toBe('new-password-required');
    const signedIn = vi.fn();
    player.on(Events.SIGNED_IN, signedIn);
    await player.completeNewPassword('a long new password');
    await settle();
    expect(signedIn).toHaveBeenCalledWith(expect.objectContaining({ email: 'ada@viewers.example' }));
    expect(form(player)?.hidden).toBe(true);
    expect(player.video.getAttribute('src')).toBe(GRANT.signedManifestUrl);
    expect(shadow(player).querySelector<HTMLButtonElement>('.sign-out')?.hidden).toBe(false);

    // Another embed of the same tenant on this site plays without a form.
    const next = mount(api);
    await settle();
    expect(form(next)?.hidden).toBe(true);
    expect(next.viewerEmail).toBe('ada@viewers.example');
    expect(api.calls.filter((call) => call.procedure === 'playback.authorize').at(-1)?.input.credential).toBe(ID_TOKEN);

    // Signing out forgets the tenant's session: the form again.
    const signedOut = vi.fn();
    next.on(Events.SIGNED_OUT, signedOut);
    await next.signOut();
    await settle();
    expect(signedOut).toHaveBeenCalled();
    expect(form(next)?.hidden).toBe(false);
    expect(localStorage.length).toBe(0);
  });

  it('shows the form again once the kept session has ended, and forgets it', async () => {
    localStorage.setItem('ott-player:viewer:https://api.example:acme', JSON.stringify({ idToken: ID_TOKEN, expiresAt: new Date(Date.now() - 1000).toISOString(), email: 'ada@viewers.example' }));
    const api = controlPlane();
    const player = mount(api);
    await settle();
    expect(form(player)?.hidden).toBe(false);
    expect(player.viewerEmail).toBeUndefined();
    expect(localStorage.length).toBe(0);
  });

  it('speaks French with lang="fr"', async () => {
    const api = controlPlane();
    const player = mount(api, { lang: 'fr-CA' });
    await settle();
    expect(shadow(player).querySelector('.sign-in-heading')?.textContent).toBe('Connectez-vous pour regarder « Launch film »');
    expect(shadow(player).querySelector('.sign-in-submit')?.textContent).toBe('Se connecter');
    expect(shadow(player).querySelector('.sign-in-link')?.textContent).toBe('Mot de passe oublié ?');
  });

  it('asks a viewer to sign in, not that a sign-in "has expired", when the credential is the snippet placeholder', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const api = controlPlane();
    const player = mount(api, { credential: 'VIEWER_ID_TOKEN' });
    await settle();
    expect(api.calls[0]).toEqual({ procedure: 'playback.authorize', input: { videoId: VIDEO_ID } });
    expect(form(player)?.hidden).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not a token'));
  });
});
