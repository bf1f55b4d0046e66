// Tenant A's API key (every scope) pointed at tenant B's resources through every REST route: nothing of B is read,
// changed or played. The route list comes from the route table itself, so a route added without a case fails here.
import path from 'node:path';
import { API_KEY_SCOPES } from '@ott/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { restRoutes } from '../../src/api/rest/rest-routes.js';
import { makeClip } from '../support/media-fixtures.js';
import { rest, type RestAnswer } from '../support/rest-client.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let tenantA: Awaited<ReturnType<typeof signUpActiveTenant>>;
let tenantB: Awaited<ReturnType<typeof signUpActiveTenant>>;
let aKey: string;
let bVideo: string;
let bUpload: string;
let bViewer: string;
let bKey: string;
let bDirectUpload: string;
let bEndpoint: string;
let bDelivery: string;
let bTrack: string;
let bDub: string;
let bSeries: string;
let bSeason: string;
let bCollection: string;
let bItem: string;
let bOffer: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  [tenantA, tenantB] = await Promise.all([signUpActiveTenant(platform, 'alpha'), signUpActiveTenant(platform, 'bravo')]);
  aKey = (await tenantA.admin.apiKeys.create({ name: 'a everything', scopes: [...API_KEY_SCOPES] })).key;
  bVideo = await uploadFile(tenantB.admin, await makeClip(path.join(platform.dataDir, 'b.mp4'), { seconds: 2, width: 320, height: 240 }), { title: 'B secret', accessMode: 'token' });
  bUpload = (await tenantB.admin.videos.createUpload({ filename: 'pending.mp4', size: 100 })).videoId;
  bViewer = (await tenantB.admin.viewers.invite({ email: 'b-viewer@example.com' })).viewerId;
  bKey = (await tenantB.admin.apiKeys.create({ name: 'b uploads', scopes: ['upload'] })).key;
  bDirectUpload = (await rest<{ id: string }>(platform.apiUrl, 'POST', '/v1/direct-uploads', { key: bKey, body: { passthrough: 'b-secret-ref' } })).body.id;
  // A private address: its deliveries are refused at once, without leaving the machine.
  bEndpoint = (await tenantB.admin.webhooks.create({ url: 'http://10.255.0.1/hook', description: 'B receiver' })).endpoint.id;
  bDelivery = (await tenantB.admin.webhooks.sendTest({ endpointId: bEndpoint })).id;
  await waitFor(async () => ((await tenantB.admin.videos.get({ videoId: bVideo })).status === 'ready' ? true : undefined), { what: 'B video' });
  bDub = (await tenantB.admin.audioTracks.addDub({ videoId: bVideo, filename: 'fr.wav', size: 100, language: 'fr', name: 'B dub' })).trackId;
  bSeries = (await tenantB.admin.series.create({ title: 'B series' })).id;
  bSeason = (await tenantB.admin.series.addSeason({ seriesId: bSeries })).seasons[0]!.id;
  await tenantB.admin.series.placeEpisode({ videoId: bVideo, seasonId: bSeason });
  bCollection = (await tenantB.admin.collections.create({ title: 'B row' })).id;
  bItem = (await tenantB.admin.collections.addItem({ collectionId: bCollection, seriesId: bSeries })).items[0]!.id;
  bOffer = (await tenantB.admin.sales.createOffer({ kind: 'purchase', name: 'B film', amount: 999, currency: 'usd', videoIds: [bVideo] })).id;
  bTrack = (await tenantB.admin.captions.upload({ videoId: bVideo, content: 'WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nB secret line\n', language: 'en' })).id;
});
afterAll(() => platform?.close());

type Check = () => Promise<void>;

const asA = <Body = Record<string, unknown>>(method: string, routePath: string, body?: unknown) => rest<Body>(platform.apiUrl, method, routePath, { key: aKey, body });

/** B's resource, named by id: A is told it does not exist. */
const notFound =
  (method: string, routePath: string, body?: unknown): Check =>
  async () => {
    const answer: RestAnswer<{ error?: { code: string } }> = await asA(method, routePath, body);
    expect(answer.status, `${method} ${routePath}`).toBe(404);
    expect(answer.body.error?.code).toBe('not_found');
  };

it("refuses every REST route on another tenant's resources, and shows none of them on A's own", async () => {
  const cases: Record<string, Check> = {
    'GET /v1/videos/{videoId}': notFound('GET', `/v1/videos/${bVideo}`),
    'PATCH /v1/videos/{videoId}': notFound('PATCH', `/v1/videos/${bVideo}`, { title: 'pwned', accessMode: 'public' }),
    'DELETE /v1/videos/{videoId}': notFound('DELETE', `/v1/videos/${bVideo}`),
    'GET /v1/videos/{videoId}/chapters': notFound('GET', `/v1/videos/${bVideo}/chapters`),
    'PUT /v1/videos/{videoId}/chapters': notFound('PUT', `/v1/videos/${bVideo}/chapters`, { chapters: [{ startSeconds: 0, title: 'pwned' }] }),
    'GET /v1/videos/{videoId}/image-url': notFound('GET', `/v1/videos/${bVideo}/image-url?time=0&width=160`),
    'POST /v1/videos/{videoId}/parts': notFound('POST', `/v1/videos/${bUpload}/parts`, { partNumbers: [1] }),
    'GET /v1/videos/{videoId}/parts': notFound('GET', `/v1/videos/${bUpload}/parts`),
    'POST /v1/videos/{videoId}/complete': notFound('POST', `/v1/videos/${bUpload}/complete`),
    'POST /v1/videos/{videoId}/replace': notFound('POST', `/v1/videos/${bVideo}/replace`, { filename: 'pwned.mp4', size: 1000 }),
    'POST /v1/videos/{videoId}/replace/parts': notFound('POST', `/v1/videos/${bVideo}/replace/parts`, { partNumbers: [1] }),
    'POST /v1/videos/{videoId}/replace/complete': notFound('POST', `/v1/videos/${bVideo}/replace/complete`),
    'POST /v1/playback-tokens': notFound('POST', '/v1/playback-tokens', { videoId: bVideo, expiresInSeconds: 600 }),
    'GET /v1/videos/{videoId}/audio-tracks': notFound('GET', `/v1/videos/${bVideo}/audio-tracks`),
    'POST /v1/videos/{videoId}/audio-tracks': notFound('POST', `/v1/videos/${bVideo}/audio-tracks`, { filename: 'pwned.wav', size: 100, language: 'fr' }),
    'POST /v1/videos/{videoId}/audio-tracks/{trackId}/parts': notFound('POST', `/v1/videos/${bVideo}/audio-tracks/${bDub}/parts`, { partNumbers: [1] }),
    'POST /v1/videos/{videoId}/audio-tracks/{trackId}/complete': notFound('POST', `/v1/videos/${bVideo}/audio-tracks/${bDub}/complete`),
    'PATCH /v1/videos/{videoId}/audio-tracks/{trackId}': notFound('PATCH', `/v1/videos/${bVideo}/audio-tracks/${bDub}`, { name: 'pwned' }),
    'DELETE /v1/videos/{videoId}/audio-tracks/{trackId}': notFound('DELETE', `/v1/videos/${bVideo}/audio-tracks/${bDub}`),
    'GET /v1/videos/{videoId}/text-tracks': notFound('GET', `/v1/videos/${bVideo}/text-tracks`),
    'POST /v1/videos/{videoId}/text-tracks': notFound('POST', `/v1/videos/${bVideo}/text-tracks`, { content: 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\npwned\n', language: 'en' }),
    'GET /v1/videos/{videoId}/text-tracks/{trackId}': notFound('GET', `/v1/videos/${bVideo}/text-tracks/${bTrack}`),
    'PATCH /v1/videos/{videoId}/text-tracks/{trackId}': notFound('PATCH', `/v1/videos/${bVideo}/text-tracks/${bTrack}`, { label: 'pwned', cues: [{ startSeconds: 0, endSeconds: 1, text: 'pwned' }] }),
    'DELETE /v1/videos/{videoId}/text-tracks/{trackId}': notFound('DELETE', `/v1/videos/${bVideo}/text-tracks/${bTrack}`),
    'GET /v1/videos/{videoId}/text-tracks/{trackId}/transcript': notFound('GET', `/v1/videos/${bVideo}/text-tracks/${bTrack}/transcript`),
    'POST /v1/videos/{videoId}/automatic-captions': notFound('POST', `/v1/videos/${bVideo}/automatic-captions`, { language: 'en' }),
    'DELETE /v1/viewers/{viewerId}': notFound('DELETE', `/v1/viewers/${bViewer}`),
    'POST /v1/viewers/{viewerId}/invitation': notFound('POST', `/v1/viewers/${bViewer}/invitation`),
    'GET /v1/videos/{videoId}/downloads': notFound('GET', `/v1/videos/${bVideo}/downloads`),
    'PATCH /v1/videos/{videoId}/downloads': notFound('PATCH', `/v1/videos/${bVideo}/downloads`, { enabled: true }),
    'GET /v1/videos/{videoId}/downloads/links': notFound('GET', `/v1/videos/${bVideo}/downloads/links`),
    'GET /v1/videos/{videoId}/availability': notFound('GET', `/v1/videos/${bVideo}/availability`),
    'PUT /v1/videos/{videoId}/availability': notFound('PUT', `/v1/videos/${bVideo}/availability`, { publishAt: null, unpublishAt: null, countryRule: { mode: 'allow', countries: ['FR'] } }),
    'POST /v1/videos/{videoId}/clips': notFound('POST', `/v1/videos/${bVideo}/clips`, { startSeconds: 0, endSeconds: 1 }),
    'GET /v1/videos/{videoId}/metadata': notFound('GET', `/v1/videos/${bVideo}/metadata`),
    'PATCH /v1/videos/{videoId}/metadata': notFound('PATCH', `/v1/videos/${bVideo}/metadata`, { tags: ['pwned'] }),
    'GET /v1/series/{seriesId}': notFound('GET', `/v1/series/${bSeries}`),
    'PATCH /v1/series/{seriesId}': notFound('PATCH', `/v1/series/${bSeries}`, { title: 'pwned' }),
    'DELETE /v1/series/{seriesId}': notFound('DELETE', `/v1/series/${bSeries}`),
    'POST /v1/series/{seriesId}/seasons': notFound('POST', `/v1/series/${bSeries}/seasons`, {}),
    'PATCH /v1/seasons/{seasonId}': notFound('PATCH', `/v1/seasons/${bSeason}`, { title: 'pwned' }),
    'PUT /v1/seasons/{seasonId}/episodes/order': notFound('PUT', `/v1/seasons/${bSeason}/episodes/order`, { videoIds: [bVideo] }),
    'PUT /v1/videos/{videoId}/episode': notFound('PUT', `/v1/videos/${bVideo}/episode`, { seasonId: bSeason, episodeNumber: 1 }),
    'DELETE /v1/videos/{videoId}/episode': notFound('DELETE', `/v1/videos/${bVideo}/episode`),
    'GET /v1/collections/{collectionId}': notFound('GET', `/v1/collections/${bCollection}`),
    'PATCH /v1/collections/{collectionId}': notFound('PATCH', `/v1/collections/${bCollection}`, { title: 'pwned' }),
    'DELETE /v1/collections/{collectionId}': notFound('DELETE', `/v1/collections/${bCollection}`),
    'POST /v1/collections/{collectionId}/items': notFound('POST', `/v1/collections/${bCollection}/items`, { seriesId: bSeries }),
    'PUT /v1/collections/{collectionId}/items/order': notFound('PUT', `/v1/collections/${bCollection}/items/order`, { itemIds: [bItem] }),
    'DELETE /v1/collections/{collectionId}/items/{itemId}': notFound('DELETE', `/v1/collections/${bCollection}/items/${bItem}`),
    'GET /v1/catalogue/search': async () => {
      expect((await asA<{ data: unknown[] }>('GET', '/v1/catalogue/search?q=B')).body.data).toEqual([]);
    },
    'GET /v1/series': async () => {
      expect((await asA<{ data: unknown[] }>('GET', '/v1/series')).body.data).toEqual([]);
    },
    'POST /v1/series': async () => {
      expect((await asA('POST', '/v1/series', { title: 'A series', posterVideoId: bVideo })).status).toBe(404);
    },
    'GET /v1/collections': async () => {
      expect((await asA<{ data: unknown[] }>('GET', '/v1/collections')).body.data).toEqual([]);
    },
    'POST /v1/collections': async () => {
      expect((await asA('POST', '/v1/collections', { title: 'A row' })).status).toBe(201);
    },
    'PUT /v1/collections/order': async () => {
      expect((await asA('PUT', '/v1/collections/order', { collectionIds: [bCollection] })).status).toBe(400);
    },
    'DELETE /v1/sales/offers/{offerId}': notFound('DELETE', `/v1/sales/offers/${bOffer}`),
    'GET /v1/sales/offers': async () => {
      expect((await asA<{ data: unknown[] }>('GET', '/v1/sales/offers')).body.data).toEqual([]);
    },
    'POST /v1/sales/offers': async () => {
      const answer = await asA<{ error?: { message: string } }>('POST', '/v1/sales/offers', { kind: 'purchase', name: 'pwned', amount: 999, currency: 'usd', videoIds: [bVideo] });
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toBe(`These videos are not in your library: ${bVideo}.`);
      expect((await tenantB.admin.sales.offers()).map((offer) => offer.id)).toEqual([bOffer]);
    },
    'GET /v1/sales/store': async () => {
      expect((await asA('GET', '/v1/sales/store')).body).toMatchObject({ status: 'not-connected', accountId: null });
    },
    'GET /v1/sales/report': async () => {
      expect((await asA<{ money: unknown[]; titles: unknown[] }>('GET', '/v1/sales/report?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z')).body).toMatchObject({ money: [], titles: [] });
    },
    // Routes with no resource id act on A's own tenant only.
    'GET /v1/videos': async () => {
      const page = await asA<{ data: { id: string }[] }>('GET', '/v1/videos');
      expect(page.body.data.map((video) => video.id)).not.toContain(bVideo);
      expect(page.body.data.map((video) => video.id)).not.toContain(bUpload);
    },
    'POST /v1/videos': async () => {
      const created = await asA<{ videoId: string }>('POST', '/v1/videos', { filename: 'a.mp4', size: 100 });
      expect(created.status).toBe(201);
      await expect(tenantB.admin.videos.get({ videoId: created.body.videoId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    },
    'GET /v1/viewers': async () => {
      const page = await asA<{ data: { viewerId: string }[] }>('GET', '/v1/viewers');
      expect(page.body.data.map((viewer) => viewer.viewerId)).not.toContain(bViewer);
    },
    'POST /v1/viewers': async () => {
      expect((await asA('POST', '/v1/viewers', { email: 'a-viewer@example.com' })).status).toBe(201);
      expect((await tenantB.admin.viewers.list()).data.map((viewer) => viewer.email)).toEqual(['b-viewer@example.com']);
    },
    'GET /v1/direct-uploads/{directUploadId}': notFound('GET', `/v1/direct-uploads/${bDirectUpload}`),
    'POST /v1/direct-uploads/{directUploadId}/cancel': notFound('POST', `/v1/direct-uploads/${bDirectUpload}/cancel`),
    'GET /v1/direct-uploads': async () => {
      const page = await asA<{ data: { id: string }[] }>('GET', '/v1/direct-uploads');
      expect(page.body.data.map((upload) => upload.id)).not.toContain(bDirectUpload);
    },
    'POST /v1/direct-uploads': async () => {
      const created = await asA<{ id: string }>('POST', '/v1/direct-uploads', {});
      expect(created.status).toBe(201);
      expect((await rest(platform.apiUrl, 'GET', `/v1/direct-uploads/${created.body.id}`, { key: bKey })).status).toBe(404);
    },
    'POST /v1/videos/import': async () => {
      const imported = await asA<{ id: string }>('POST', '/v1/videos/import', { url: 'https://example.com/film.mp4' });
      expect(imported.status).toBe(202);
      await expect(tenantB.admin.videos.get({ videoId: imported.body.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    },
    // The browser routes take no key: a direct upload's id reaches its own upload and video, nothing else.
    'POST /v1/direct-uploads/{directUploadId}/start': async () => {
      const own = (await asA<{ id: string }>('POST', '/v1/direct-uploads', {})).body.id;
      const started = await rest<{ videoId: string }>(platform.apiUrl, 'POST', `/v1/direct-uploads/${own}/start`, { body: { filename: 'a.mp4', size: 100 } });
      expect(started.status).toBe(200);
      await expect(tenantB.admin.videos.get({ videoId: started.body.videoId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await rest<{ video: { id: string } }>(platform.apiUrl, 'GET', `/v1/direct-uploads/${own}/status`)).body.video.id).toBe(started.body.videoId);
    },
    'GET /v1/direct-uploads/{directUploadId}/status': async () => {
      // Another tenant's upload id tells its holder how that upload goes, never the tenant's settings.
      const status = await rest(platform.apiUrl, 'GET', `/v1/direct-uploads/${bDirectUpload}/status`);
      expect(status.body).toMatchObject({ status: 'waiting', video: null });
      expect(JSON.stringify(status.body)).not.toContain('b-secret-ref');
    },
    'POST /v1/direct-uploads/{directUploadId}/parts': async () => {
      expect((await rest(platform.apiUrl, 'POST', `/v1/direct-uploads/${bDirectUpload}/parts`, { body: { partNumbers: [1] } })).status).toBe(409);
    },
    'GET /v1/direct-uploads/{directUploadId}/parts': async () => {
      expect((await rest(platform.apiUrl, 'GET', `/v1/direct-uploads/${bDirectUpload}/parts`)).status).toBe(409);
    },
    'POST /v1/direct-uploads/{directUploadId}/complete': async () => {
      expect((await rest(platform.apiUrl, 'POST', `/v1/direct-uploads/${bDirectUpload}/complete`)).status).toBe(409);
    },
    'GET /v1/webhook-endpoints/{endpointId}': notFound('GET', `/v1/webhook-endpoints/${bEndpoint}`),
    'PATCH /v1/webhook-endpoints/{endpointId}': notFound('PATCH', `/v1/webhook-endpoints/${bEndpoint}`, { url: 'https://attacker.example/hook' }),
    'DELETE /v1/webhook-endpoints/{endpointId}': notFound('DELETE', `/v1/webhook-endpoints/${bEndpoint}`),
    'POST /v1/webhook-endpoints/{endpointId}/rotate-secret': notFound('POST', `/v1/webhook-endpoints/${bEndpoint}/rotate-secret`),
    'POST /v1/webhook-endpoints/{endpointId}/test': notFound('POST', `/v1/webhook-endpoints/${bEndpoint}/test`),
    'GET /v1/webhook-endpoints/{endpointId}/deliveries': notFound('GET', `/v1/webhook-endpoints/${bEndpoint}/deliveries`),
    'POST /v1/webhook-deliveries/{deliveryId}/replay': notFound('POST', `/v1/webhook-deliveries/${bDelivery}/replay`),
    'GET /v1/webhook-endpoints': async () => {
      const page = await asA<{ data: { id: string }[] }>('GET', '/v1/webhook-endpoints');
      expect(page.body.data.map((endpoint) => endpoint.id)).not.toContain(bEndpoint);
    },
    'POST /v1/webhook-endpoints': async () => {
      const created = await asA<{ endpoint: { id: string } }>('POST', '/v1/webhook-endpoints', { url: 'https://a.example/hook' });
      expect(created.status).toBe(201);
      expect((await tenantB.admin.webhooks.list({ limit: 100 })).data.map((endpoint) => endpoint.id)).toEqual([bEndpoint]);
    },
    'GET /v1/analytics/overview': notFound('GET', `/v1/analytics/overview?videoId=${bVideo}`),
    'GET /v1/analytics/timeseries': notFound('GET', `/v1/analytics/timeseries?videoId=${bVideo}`),
    'GET /v1/analytics/breakdown': notFound('GET', `/v1/analytics/breakdown?videoId=${bVideo}&dimension=country`),
    'GET /v1/analytics/qoe': notFound('GET', `/v1/analytics/qoe?videoId=${bVideo}`),
    'GET /v1/analytics/videos/{videoId}/retention': notFound('GET', `/v1/analytics/videos/${bVideo}/retention`),
    'GET /v1/analytics/top-videos': async () => {
      const top = await asA<{ videos: unknown[] }>('GET', '/v1/analytics/top-videos');
      expect(top.body.videos).toEqual([]);
    },
    'GET /v1/usage': async () => {
      const usage = await asA<{ totals: { transcodeMinutes: number } }>('GET', '/v1/usage');
      expect(usage.body.totals.transcodeMinutes).toBe(0);
    },
  };
  // Public routes (direct uploads) too: each needs a case showing its own token cannot reach another tenant.
  const routes = restRoutes.map((route) => `${route.method} ${route.path}`);
  expect(
    routes.filter((route) => !(route in cases)),
    'REST routes with no isolation case',
  ).toEqual([]);
  for (const route of routes) await cases[route]!();

  // B's resources are exactly as they were.
  expect(await tenantB.admin.videos.get({ videoId: bVideo })).toMatchObject({ title: 'B secret', accessMode: 'token', status: 'ready' });
  expect((await tenantB.admin.videos.listParts({ videoId: bUpload })).parts).toEqual([]);
  expect((await tenantB.admin.viewers.list()).data.map((viewer) => viewer.viewerId)).toEqual([bViewer]);
  expect(await tenantB.admin.webhooks.get({ endpointId: bEndpoint })).toMatchObject({ url: 'http://10.255.0.1/hook' });
  expect(await tenantB.admin.availability.get({ videoId: bVideo })).toMatchObject({ publishAt: null, countryRule: null });
  expect((await tenantB.admin.audioTracks.list({ videoId: bVideo })).filter((track) => track.origin === 'dub')).toMatchObject([{ id: bDub, name: 'B dub' }]);
  expect(await tenantB.admin.catalogue.metadata({ videoId: bVideo })).toMatchObject({ tags: [], episode: { seriesId: bSeries, episodeNumber: 1 } });
  expect(await tenantB.admin.collections.get({ collectionId: bCollection })).toMatchObject({ title: 'B row', items: [{ id: bItem }] });
  expect(await tenantB.admin.captions.cues({ videoId: bVideo, trackId: bTrack })).toMatchObject({ track: { label: 'English' }, cues: [{ text: 'B secret line' }] });
});

it("cannot play tenant B's video with a token signed for one of A's videos", async () => {
  const aVideo = (await asA<{ videoId: string }>('POST', '/v1/videos', { filename: 'mine.mp4', size: 100 })).body.videoId;
  const token = (await asA<{ token: string }>('POST', '/v1/playback-tokens', { videoId: aVideo })).body.token;
  await expect(platform.caller().playback.authorize({ videoId: bVideo, credential: token })).rejects.toMatchObject({ code: 'FORBIDDEN' });
});
