// @vitest-environment happy-dom
// The element and the player around a fake control plane: what a viewer sees when authorisation is refused,
// what setCredential does, branding, ARIA, keys, typed events (checked by tsc over this file), and destroy().
import { afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createPlayer, defineOttPlayer, ErrorCodes, Events, OttPlayerElement, type OttPlayer, type PlayerError } from '../src/index.js';

const GRANT = {
  videoId: '5b0c8f5e-3f7a-4a8e-9a51-0d6f8c3b2a11',
  title: 'Launch film',
  durationSeconds: 30,
  branding: { accentColor: '#ff3366', logoUrl: 'https://api.example/branding/x/logo-0123456789abcdef.png', showPlatformLogo: false },
  posterUrl: 'https://edge.example/poster.jpg?Policy=p&Signature=s&Key-Pair-Id=k',
  storyboardVttUrl: 'https://edge.example/storyboard.vtt?Policy=p&Signature=s&Key-Pair-Id=k',
  manifestUrl: 'https://edge.example/master.m3u8',
  signedManifestUrl: 'https://edge.example/master.m3u8?Policy=p&Signature=s&Key-Pair-Id=k',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  query: 'Policy=p&Signature=s&Key-Pair-Id=k',
};

/** A control plane that refuses without a credential and grants with one; records what it was sent. */
function controlPlane() {
  const bodies: { videoId: string; credential?: string }[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as { videoId: string; credential?: string };
    bodies.push(body);
    if (!body.credential) return Response.json({ error: { message: 'Sign in to watch this video.', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } } }, { status: 401 });
    return Response.json({ result: { data: GRANT } });
  });
  return { fetch, bodies };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

function shadow(element: HTMLElement): ShadowRoot {
  if (!element.shadowRoot) throw new Error('no shadow root');
  return element.shadowRoot;
}

// happy-dom leaves volumechange and ratechange as TODOs; browsers fire them, and the player listens for them.
beforeAll(() => {
  const firing = (property: 'muted' | 'volume' | 'playbackRate', event: string) => {
    const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, property);
    if (!descriptor?.set || !descriptor.get) throw new Error(`no ${property} accessor to wrap`);
    const { get, set } = descriptor;
    Object.defineProperty(HTMLMediaElement.prototype, property, {
      configurable: true,
      get,
      set(this: HTMLMediaElement, value: never) {
        set.call(this, value);
        this.dispatchEvent(new Event(event));
      },
    });
  };
  firing('muted', 'volumechange');
  firing('volume', 'volumechange');
  firing('playbackRate', 'ratechange');
});

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('<ott-player>', () => {
  it('shows why a title is unavailable, with no "Try again": the country named, or the opening date', async () => {
    defineOttPlayer();
    const refusal = (message: string, data: Record<string, unknown>) =>
      vi.fn<typeof globalThis.fetch>(async () => Response.json({ error: { message, code: -32003, data: { code: 'FORBIDDEN', httpStatus: 403, ...data } } }, { status: 403 }));
    const show = async (fetch: typeof globalThis.fetch) => {
      const element = document.createElement('ott-player');
      element.configure({ fetch, qoe: false, engine: 'native' });
      element.setAttribute('video-id', GRANT.videoId);
      element.setAttribute('api', 'https://api.example');
      document.body.append(element);
      await settle();
      return element;
    };
    const blocked = await show(refusal('Not available in your country (Germany).', { reason: 'not-available-in-country' }));
    expect(shadow(blocked).querySelector('.message-text')?.textContent).toBe('Not available in your country (Germany).');
    expect(shadow(blocked).querySelector<HTMLButtonElement>('.retry')?.hidden).toBe(true);
    expect(blocked.player?.error).toMatchObject({ fatal: true, code: ErrorCodes.NOT_AVAILABLE_IN_COUNTRY, httpStatus: 403 });

    const availableFrom = '2027-03-01T09:00:00.000Z';
    const early = await show(refusal('Available from 1 March 2027, 09:00 UTC.', { reason: 'not-yet-available', availableFrom }));
    const local = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(availableFrom));
    expect(shadow(early).querySelector('.message-text')?.textContent).toBe(`This video will be available from ${local}.`);
    expect(early.player?.error?.code).toBe(ErrorCodes.NOT_YET_AVAILABLE);
  });

  it('with sign-in="none", shows "Sign in to watch this video." with a fatal UNAUTHORIZED error, then plays after setCredential', async () => {
    defineOttPlayer();
    const api = controlPlane();
    const element = document.createElement('ott-player');
    expect(element).toBeInstanceOf(OttPlayerElement);
    element.configure({ fetch: api.fetch, qoe: false, engine: 'native' });
    element.setAttribute('video-id', GRANT.videoId);
    element.setAttribute('api', 'https://api.example');
    element.setAttribute('sign-in', 'none');
    const domErrors: PlayerError[] = [];
    element.addEventListener('error', (event) => domErrors.push(event.detail));
    document.body.append(element);
    await settle();

    const root = shadow(element).querySelector('.root');
    expect(shadow(element).querySelector('.message-text')?.textContent).toBe('Sign in to watch this video.');
    expect(root?.hasAttribute('errored')).toBe(true);
    expect(shadow(element).querySelector('[role="alert"]')).not.toBeNull();
    // Nothing a retry can fix: no "Try again" button, the site must sign the viewer in.
    expect(shadow(element).querySelector<HTMLButtonElement>('.retry')?.hidden).toBe(true);
    expect(domErrors).toEqual([expect.objectContaining({ fatal: true, code: ErrorCodes.UNAUTHORIZED, httpStatus: 401 })]);
    expect(element.player?.error?.code).toBe(ErrorCodes.UNAUTHORIZED);

    const authorized = vi.fn();
    element.player?.on(Events.AUTHORIZED, authorized);
    await element.setCredential('viewer.id.token');
    await settle();
    expect(api.bodies.at(-1)).toEqual({ videoId: GRANT.videoId, credential: 'viewer.id.token' });
    expect(root?.hasAttribute('errored')).toBe(false);
    expect(authorized).toHaveBeenCalledWith(expect.objectContaining({ title: 'Launch film', refreshed: false }));
    expect(element.player?.video.getAttribute('src')).toBe(GRANT.signedManifestUrl);
    expect(element.getAttribute('credential')).toBeNull();
  });

  it('starts a video still transcoding at its beginning under native HLS, and shows no poster until one exists', async () => {
    const early = { ...GRANT, posterUrl: null, storyboardVttUrl: null, durationSeconds: null };
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json({ result: { data: early } }));
    const host = document.body.appendChild(document.createElement('div'));
    const player = createPlayer(host, { videoId: GRANT.videoId, api: 'https://api.example', credential: 'a.jwt.token', fetch, qoe: false, engine: 'native' });
    await settle();
    expect(player.video.getAttribute('src')).toBe(GRANT.signedManifestUrl);
    expect(player.video.getAttribute('poster')).toBeNull();
    // Safari joins a growing (EVENT) playlist at its live edge: 12 s into the 30 s published so far.
    Object.defineProperty(player.video, 'seekable', { configurable: true, value: { length: 1, start: () => 0, end: () => 30 } });
    player.video.currentTime = 12;
    player.video.dispatchEvent(new Event('loadedmetadata'));
    expect(player.currentTime).toBe(0);
  });

  it('wears the tenant’s branding, under the page’s own --ott-* variables', async () => {
    const api = controlPlane();
    const host = document.body.appendChild(document.createElement('div'));
    createPlayer(host, { videoId: GRANT.videoId, api: 'https://api.example', credential: 'a.jwt.token', fetch: api.fetch, qoe: false, engine: 'native' });
    await settle();
    const root = shadow(host).querySelector<HTMLElement>('.root');
    expect(root?.style.getPropertyValue('--ott-brand-accent')).toBe('#ff3366');
    expect(shadow(host).querySelector('style')?.textContent).toContain('var(--ott-accent-color, var(--ott-brand-accent');
    expect(shadow(host).querySelector<HTMLImageElement>('.logo')?.getAttribute('src')).toBe(GRANT.branding.logoUrl);
    expect(shadow(host).querySelector<HTMLElement>('.platform-mark')?.hidden).toBe(true);
    expect(shadow(host).querySelector('.title')?.textContent).toBe('Launch film');
    expect(root?.getAttribute('aria-label')).toBe('Video player: Launch film');
  });

  it('labels every control and obeys keyboard shortcuts on the focused player', async () => {
    const api = controlPlane();
    const host = document.body.appendChild(document.createElement('div'));
    const player = createPlayer(host, { videoId: GRANT.videoId, api: 'https://api.example', credential: 'a.jwt.token', fetch: api.fetch, qoe: false, engine: 'native' });
    await settle();
    const unlabelled = [...shadow(host).querySelectorAll('button, input')].filter((control) => !control.getAttribute('aria-label') && !control.textContent?.trim() && !control.closest('.message'));
    expect(unlabelled).toEqual([]);
    expect(host.tabIndex).toBe(0);
    // One rendition (native HLS chooses itself): no quality menu to offer.
    expect(shadow(host).querySelector<HTMLButtonElement>('.quality-button')?.hidden).toBe(true);

    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', bubbles: true }));
    expect(player.muted).toBe(true);
    expect(shadow(host).querySelector('.mute-button')?.getAttribute('aria-label')).toBe('Unmute');
    host.dispatchEvent(new KeyboardEvent('keydown', { key: '>', bubbles: true }));
    expect(player.playbackRate).toBe(1.25);
    expect(shadow(host).querySelector('.rate-button')?.getAttribute('aria-label')).toBe('Playback speed: 1.25×');

    shadow(host).querySelector<HTMLButtonElement>('.rate-button')?.click();
    const items = [...shadow(host).querySelectorAll('.menu [role="menuitemradio"]')];
    expect(items.map((item) => item.textContent)).toEqual(['0.5×', '0.75×', 'Normal', '1.25×', '1.5×', '2×']);
    expect(items.find((item) => item.getAttribute('aria-checked') === 'true')?.textContent).toBe('1.25×');
    (items[0] as HTMLButtonElement).click();
    expect(player.playbackRate).toBe(0.5);
    expect(shadow(host).querySelector<HTMLElement>('.menu')?.hidden).toBe(true);
  });

  it('types events by name, and dispatches them as DOM CustomEvents too', async () => {
    const api = controlPlane();
    const host = document.body.appendChild(document.createElement('div'));
    const player: OttPlayer = createPlayer(host, { videoId: GRANT.videoId, api: 'https://api.example', credential: 'a.jwt.token', fetch: api.fetch, qoe: false, engine: 'native' });
    player.on(Events.QUALITY_CHANGE, (quality) => {
      expectTypeOf(quality.height).toEqualTypeOf<number>();
      expectTypeOf(quality.auto).toEqualTypeOf<boolean>();
    });
    player.on(Events.ERROR, (error) => expectTypeOf(error.fatal).toEqualTypeOf<boolean>());
    // @ts-expect-error a rate change carries a rate, not a height
    player.on(Events.RATE_CHANGE, (change) => change.height);
    // @ts-expect-error unknown event names are refused
    player.on('qualitychange', () => {});
    const element = document.createElement('ott-player');
    element.addEventListener('quality-change', (event) => expectTypeOf(event.detail.height).toEqualTypeOf<number>());

    const rates: number[] = [];
    const domRates: number[] = [];
    player.on(Events.RATE_CHANGE, ({ rate }) => rates.push(rate));
    host.addEventListener(Events.RATE_CHANGE, (event) => domRates.push((event as CustomEvent<{ rate: number }>).detail.rate));
    await settle();
    player.setPlaybackRate(1.5);
    await settle();
    expect(rates).toEqual([1.5]);
    expect(domRates).toEqual([1.5]);
  });

  it('destroy() leaves no listener, timer or DOM behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const api = controlPlane();
    const host = document.body.appendChild(document.createElement('div'));
    const player = createPlayer(host, { videoId: GRANT.videoId, api: 'https://api.example', credential: 'a.jwt.token', fetch: api.fetch, engine: 'native' });
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    await vi.waitFor(() => expect(api.fetch).toHaveBeenCalled());
    await vi.waitFor(() => expect(player.grantExpiresAt).toBeDefined());
    // Grant refresh, QoE interval and controls auto-hide are running.
    expect(vi.getTimerCount()).toBeGreaterThanOrEqual(2);
    const events = vi.fn();
    player.on(Events.TIMEUPDATE, events);
    host.addEventListener(Events.TIMEUPDATE, events);

    player.destroy();
    expect(vi.getTimerCount()).toBe(0);
    expect(host.shadowRoot?.childNodes.length).toBe(0);
    player.video.dispatchEvent(new Event('timeupdate'));
    expect(events).not.toHaveBeenCalled();
    vi.advanceTimersByTime(3_600_000);
    expect(api.fetch).toHaveBeenCalledTimes(1);
  });
});
