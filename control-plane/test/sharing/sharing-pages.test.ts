// The public sharing routes over HTTP: every value a tenant typed is escaped in the watch page, its tags and the
// iframe embed; the embed is framed only by the allowed embed origins; oEmbed sizes within maxwidth × maxheight and
// answers as the spec asks for what it does not serve; videos that are not public say nothing about themselves.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let studio: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;
const HOSTILE = `"><script>alert(1)</script><b x='`;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  studio = await signUpActiveTenant(platform, 'studio');
  videoId = await uploadFile(studio.admin, await makeClip(path.join(platform.dataDir, 'clip.mp4'), { seconds: 2, width: 640, height: 360 }), { accessMode: 'public' });
  await waitFor(async () => ((await studio.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'ready' });
  await studio.admin.videos.update({ videoId, title: `Film ${HOSTILE}`, description: `About ${HOSTILE}` });
});
afterAll(() => platform?.close());

describe('the watch page', () => {
  it('escapes the title and description everywhere, in text and in tags', async () => {
    const response = await fetch(`${platform.apiUrl}/watch/${videoId}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain("<b x='");
    expect(html).toContain('<h1>Film &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b x=&#39;</h1>');
    expect(html).toContain('<meta property="og:title" content="Film &quot;&gt;&lt;script&gt;');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers 404 without the title for a video that is not public', async () => {
    await studio.admin.videos.update({ videoId, accessMode: 'token' });
    try {
      const response = await fetch(`${platform.apiUrl}/watch/${videoId}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/alert|Film &quot;/);
      expect((await fetch(`${platform.apiUrl}/watch/${videoId}/poster`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await studio.admin.videos.update({ videoId, accessMode: 'public' });
    }
  });

  it('names neither the title nor the poster of a video before its publish date or after its end, in the page or in oEmbed', async () => {
    const hidden = async () => {
      const page = await fetch(`${platform.apiUrl}/watch/${videoId}`);
      expect(page.status).toBe(404);
      expect(await page.text()).not.toMatch(/alert|Film &quot;/);
      expect((await fetch(`${platform.apiUrl}/watch/${videoId}/poster`, { redirect: 'manual' })).status).toBe(404);
      const oembed = await fetch(`${platform.apiUrl}/oembed?url=${encodeURIComponent(`${platform.apiUrl}/watch/${videoId}`)}`);
      expect(oembed.status).toBe(404);
      expect(await oembed.text()).toBe('This video is not available.');
    };
    const hour = 3_600_000;
    try {
      await studio.admin.availability.set({ videoId, publishAt: new Date(Date.now() + hour).toISOString(), unpublishAt: null, countryRule: null });
      await hidden();
      await studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: new Date(Date.now() - hour).toISOString(), countryRule: null });
      await hidden();
      // A country rule does not hide the page: crawlers come from anywhere, and the player refuses the viewer itself.
      await studio.admin.availability.set({ videoId, publishAt: new Date(Date.now() - hour).toISOString(), unpublishAt: null, countryRule: { mode: 'allow', countries: ['NZ'] } });
      expect((await fetch(`${platform.apiUrl}/watch/${videoId}`)).status).toBe(200);
      expect((await fetch(`${platform.apiUrl}/watch/${videoId}/poster`, { redirect: 'manual' })).status).toBe(302);
    } finally {
      await studio.admin.availability.set({ videoId, publishAt: null, unpublishAt: null, countryRule: null });
    }
  });
});

describe('the iframe embed', () => {
  it('may be framed by any site while no origin is listed, then only by the listed ones, and escapes its query', async () => {
    const open = (query = '') => fetch(`${platform.apiUrl}/embed/${videoId}${query}`);
    expect((await open()).headers.get('content-security-policy')).toContain('frame-ancestors *');
    await studio.admin.tenants.update({ allowedOrigins: ['https://www.studio.example'] });
    const framed = await open(`?token=${encodeURIComponent(HOSTILE)}&t=12.7&autoplay=1`);
    expect(framed.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://www.studio.example");
    const html = await framed.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toMatch(/<ott-player [^>]*autoplay muted start-time="12" credential="&quot;&gt;&lt;script&gt;/);
    await studio.admin.tenants.update({ allowedOrigins: [] });
  });

  it('sends checkout back to the framing page of an allowed origin, and passes its checkout marker on to the player', async () => {
    await studio.admin.tenants.update({ allowedOrigins: ['https://www.studio.example'] });
    const framedBy = (referer: string, query = '') => fetch(`${platform.apiUrl}/embed/${videoId}${query}`, { headers: { Referer: referer }, redirect: 'manual' });
    expect(await (await framedBy('https://www.studio.example/films/1?ref=mail')).text()).toContain('checkout-return-url="https://www.studio.example/films/1?ref=mail"');
    expect(await (await framedBy('https://elsewhere.example/films/1')).text()).not.toContain('checkout-return-url');

    const back = await framedBy(`https://www.studio.example/films/1?ott-checkout=${videoId}`, '?autoplay=1');
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`/embed/${videoId}?autoplay=1&ott-checkout=${videoId}`);
    const moved = await framedBy(`https://www.studio.example/films/1?ott-checkout=${videoId}`, `?autoplay=1&ott-checkout=${videoId}`);
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain('checkout-return-url="https://www.studio.example/films/1"');
    await studio.admin.tenants.update({ allowedOrigins: [] });
  });
});

describe('oEmbed', () => {
  const oembed = (query: Record<string, string>) => fetch(`${platform.apiUrl}/oembed?${new URLSearchParams(query).toString()}`);

  it('fits the player within maxwidth and maxheight, keeping the aspect, never larger than the video', async () => {
    const url = `${platform.apiUrl}/watch/${videoId}`;
    const sized = async (query: Record<string, string>) => {
      const body = (await (await oembed({ url, ...query })).json()) as { width: number; height: number; html: string };
      return [body.width, body.height];
    };
    expect(await sized({})).toEqual([640, 360]);
    expect(await sized({ maxwidth: '320' })).toEqual([320, 180]);
    expect(await sized({ maxwidth: '320', maxheight: '90' })).toEqual([160, 90]);
    expect(await sized({ maxwidth: '4000' })).toEqual([640, 360]);
  });

  it('answers 501 for xml, 400 for another format, 404 for addresses that are not a public video here', async () => {
    const url = `${platform.apiUrl}/watch/${videoId}`;
    expect((await oembed({ url, format: 'xml' })).status).toBe(501);
    expect((await oembed({ url, format: 'yaml' })).status).toBe(400);
    expect((await oembed({ url: `https://elsewhere.example/watch/${videoId}` })).status).toBe(404);
    expect((await oembed({ url: 'not a url' })).status).toBe(404);
  });
});
