// Tenant A's admin, pointed at tenant B's resources through every admin procedure of the router: nothing
// is read, changed or authorised. The procedure list comes from the router itself, so a new procedure
// without a case here fails this test.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appRouter } from '../../src/api/app-router.js';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let tenantA: Awaited<ReturnType<typeof signUpActiveTenant>>;
let tenantB: Awaited<ReturnType<typeof signUpActiveTenant>>;
let bVideo: string;
let bUpload: string;
let bKey: string;
let bViewer: string;
let bAdmin: string;
let bApiKey: string;
let bEndpoint: string;
let bDelivery: string;
let bMessage: string;
let bTrack: string;
let bDub: string;
let bSeries: string;
let bSeason: string;
let bCollection: string;
let bItem: string;
let bOffer: string;

/** Procedures that only ever act on the caller's own tenant, with no resource id to point elsewhere. */
const OWN_TENANT_ONLY = new Set([
  'videos.importFromUrl',
  'auth.changePassword',
  'tenants.rotatePlaybackSigningKey',
  'tenants.playbackSigningKey',
  'admins.add',
  'admins.list',
  'tenants.me',
  'tenants.setAccentColor',
  'tenants.setLogo',
  'tenants.update',
  'tenants.retryProvisioning',
  'videos.createUpload',
  'playbackKeys.create',
  'viewers.invite',
  'videos.list',
  'playbackKeys.list',
  'viewers.list',
  'usage.summary',
  'usage.byVideo',
  'usage.overview',
  'usage.days',
  'billing.status',
  'billing.preview',
  'billing.invoices',
  'billing.quotePlanChange',
  'billing.changePlan',
  'billing.cancelPlanChange',
  'billing.addPaymentMethod',
  'billing.portal',
  'customDomains.get',
  'customDomains.request',
  'customDomains.remove',
  'customDomains.checkNow',
  'apiKeys.create',
  'apiKeys.list',
  'webhooks.list',
  'webhooks.create',
  'inbox.list',
  'viewers.site',
  'viewers.setSite',
  'viewers.signUp',
  'viewers.setSignUp',
  'catalogue.search',
  'catalogue.categories',
  'series.list',
  'series.create',
  'collections.list',
  'collections.create',
  'collections.reorder',
  'sales.store',
  'sales.connect',
  'sales.refresh',
  'sales.disconnect',
  'sales.offers',
  'sales.createOffer',
  'sales.report',
  // Names no video: reads only the caller's tenant's rollups (B's plays never reach A's list: analytics tests).
  'analytics.topVideos',
]);
/** Public procedures: no admin session involved (entitlement is checked by credential, covered in playback tests). */
const PUBLIC = new Set([
  'tenants.signup',
  'auth.login',
  'auth.refresh',
  'auth.logout',
  'playback.authorize',
  'qoe.report',
  'viewerAuth.signIn',
  'viewerAuth.completeNewPassword',
  'viewerAuth.signInScreen',
  'viewerAuth.requestPasswordReset',
  'viewerAuth.confirmPasswordReset',
  'viewerAuth.startSignUp',
  'viewerAuth.completeSignUp',
  'billing.plans',
  'auth.emailLink',
  'auth.redeemEmailLink',
  'auth.requestPasswordReset',
  // Only ever reads the site its tenantSlug names, under that tenant's scope: tenant B's plays never reach A's
  // recommendations (test/storefront/recommendations.test.ts).
  'storefront.recommendations',
]);
/**
 * A tenant's signed-in viewer on their own data, by their ID token (viewerProcedure): another site's token and other
 * viewers' data are refused in viewer-library.test.ts and the sales tests.
 */
const VIEWER_ONLY = new Set([
  'viewerLibrary.continueWatching',
  'viewerLibrary.forgetPlace',
  'viewerLibrary.myList',
  'viewerLibrary.addToList',
  'viewerLibrary.removeFromList',
  'viewerSales.buy',
  'viewerSales.purchases',
  'viewerSales.customerPortal',
]);
/** The platform operator's procedures (OTT_OPERATOR_TOKEN): no tenant admin may call them. */
const OPERATOR_ONLY = new Set(['operator.costs', 'operator.refusedDeliveries', 'operator.analytics', 'tenants.offboard']);

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  [tenantA, tenantB] = await Promise.all([signUpActiveTenant(platform, 'alpha'), signUpActiveTenant(platform, 'bravo')]);
  bVideo = await uploadFile(tenantB.admin, await makeClip(path.join(platform.dataDir, 'b.mp4'), { seconds: 2, width: 320, height: 240 }), { title: 'B secret', accessMode: 'token' });
  bUpload = (await tenantB.admin.videos.createUpload({ filename: 'pending.mp4', size: 100 })).videoId;
  bKey = (await tenantB.admin.playbackKeys.create({ name: 'b backend' })).id;
  bViewer = (await tenantB.admin.viewers.invite({ email: 'b-viewer@example.com' })).viewerId;
  bAdmin = (await tenantB.admin.admins.add({ email: 'b-admin@example.com' })).adminId;
  bApiKey = (await tenantB.admin.apiKeys.create({ name: 'b server', scopes: ['read'] })).id;
  // A private address: its deliveries are refused at once, without leaving the machine.
  bEndpoint = (await tenantB.admin.webhooks.create({ url: 'http://10.255.0.1/hook', description: 'B receiver', eventTypes: ['viewer.removed'] })).endpoint.id;
  bDelivery = (await tenantB.admin.webhooks.sendTest({ endpointId: bEndpoint })).id;
  await waitFor(async () => ((await tenantB.admin.videos.get({ videoId: bVideo })).status === 'ready' ? true : undefined), { what: 'B video' });
  await tenantB.admin.viewers.setSite({ url: 'https://bravo.example/watch' });
  await tenantB.admin.viewers.setSignUp({ open: true });
  bDub = (await tenantB.admin.audioTracks.addDub({ videoId: bVideo, filename: 'fr.wav', size: 100, language: 'fr', name: 'B dub' })).trackId;
  bTrack = (await tenantB.admin.captions.upload({ videoId: bVideo, content: 'WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nB secret line\n', language: 'en' })).id;
  bSeries = (await tenantB.admin.series.create({ title: 'B series' })).id;
  bSeason = (await tenantB.admin.series.addSeason({ seriesId: bSeries })).seasons[0]!.id;
  await tenantB.admin.series.placeEpisode({ videoId: bVideo, seasonId: bSeason });
  bCollection = (await tenantB.admin.collections.create({ title: 'B row' })).id;
  bItem = (await tenantB.admin.collections.addItem({ collectionId: bCollection, seriesId: bSeries })).items[0]!.id;
  bOffer = (await tenantB.admin.sales.createOffer({ kind: 'purchase', name: 'B film', amount: 999, currency: 'usd', videoIds: [bVideo] })).id;
  bMessage = (await platform.database.db.selectFrom('development_mailbox').select('id').where('tenant_id', '=', tenantB.session.tenantId).executeTakeFirstOrThrow()).id;
});
afterAll(() => platform?.close());

it("refuses every admin procedure on another tenant's resources and leaves them untouched", async () => {
  const a = tenantA.admin;
  const attempts: Record<string, () => Promise<unknown>> = {
    'videos.get': () => a.videos.get({ videoId: bVideo }),
    'chapters.get': () => a.chapters.get({ videoId: bVideo }),
    'chapters.set': () => a.chapters.set({ videoId: bVideo, chapters: [{ startSeconds: 0, title: 'pwned' }] }),
    'videoImages.url': () => a.videoImages.url({ videoId: bVideo, timeSeconds: 0, width: 160 }),
    'videos.update': () => a.videos.update({ videoId: bVideo, title: 'pwned', accessMode: 'public' }),
    'videos.delete': () => a.videos.delete({ videoId: bVideo }),
    'videos.bulkDelete': () => a.videos.bulkDelete({ videoIds: [bVideo] }),
    'videos.uploadPoster': () => a.videos.uploadPoster({ videoId: bVideo, imageBase64: Buffer.from('not an image').toString('base64') }),
    'videos.setPoster': () => a.videos.setPoster({ videoId: bVideo, thumbnailPath: 'thumbnails/thumb_01.jpg' }),
    'videos.bulkSetAccessMode': () => a.videos.bulkSetAccessMode({ videoIds: [bVideo], accessMode: 'public' }),
    'videos.listParts': () => a.videos.listParts({ videoId: bUpload }),
    'videos.partUrls': () => a.videos.partUrls({ videoId: bUpload, partNumbers: [1] }),
    'videos.completeUpload': () => a.videos.completeUpload({ videoId: bUpload }),
    'videos.createReplacementUpload': () => a.videos.createReplacementUpload({ videoId: bVideo, filename: 'pwned.mp4', size: 1000 }),
    'videos.replacementPartUrls': () => a.videos.replacementPartUrls({ videoId: bVideo, partNumbers: [1] }),
    'videos.listReplacementParts': () => a.videos.listReplacementParts({ videoId: bVideo }),
    'videos.completeReplacementUpload': () => a.videos.completeReplacementUpload({ videoId: bVideo }),
    'playbackKeys.revoke': () => a.playbackKeys.revoke({ keyId: bKey }),
    'viewers.remove': () => a.viewers.remove({ viewerId: bViewer }),
    'admins.remove': () => a.admins.remove({ adminId: bAdmin }),
    'videos.previewToken': () => a.videos.previewToken({ videoId: bVideo }),
    'qoe.summary': () => a.qoe.summary({ videoId: bVideo }),
    'analytics.overview': () => a.analytics.overview({ videoId: bVideo, range: { preset: '30d' } }),
    'analytics.timeSeries': () => a.analytics.timeSeries({ videoId: bVideo, range: { preset: '7d' } }),
    'analytics.retention': () => a.analytics.retention({ videoId: bVideo, range: { preset: '30d' } }),
    'analytics.breakdown': () => a.analytics.breakdown({ videoId: bVideo, range: { preset: '30d' }, dimension: 'country' }),
    'analytics.qoe': () => a.analytics.qoe({ videoId: bVideo, range: { preset: '30d' } }),
    'usage.video': () => a.usage.video({ videoId: bVideo }),
    'apiKeys.revoke': () => a.apiKeys.revoke({ keyId: bApiKey }),
    'webhooks.get': () => a.webhooks.get({ endpointId: bEndpoint }),
    'webhooks.update': () => a.webhooks.update({ endpointId: bEndpoint, url: 'https://attacker.example/hook', enabled: true }),
    'webhooks.delete': () => a.webhooks.delete({ endpointId: bEndpoint }),
    'webhooks.rotateSecret': () => a.webhooks.rotateSecret({ endpointId: bEndpoint }),
    'webhooks.sendTest': () => a.webhooks.sendTest({ endpointId: bEndpoint }),
    'webhooks.deliveries': () => a.webhooks.deliveries({ endpointId: bEndpoint }),
    'webhooks.replay': () => a.webhooks.replay({ deliveryId: bDelivery }),
    'viewers.resendInvitation': () => a.viewers.resendInvitation({ viewerId: bViewer }),
    'admins.resendInvitation': () => a.admins.resendInvitation({ adminId: bAdmin }),
    'inbox.get': () => a.inbox.get({ messageId: bMessage }),
    'audioTracks.list': () => a.audioTracks.list({ videoId: bVideo }),
    'audioTracks.addDub': () => a.audioTracks.addDub({ videoId: bVideo, filename: 'pwned.wav', size: 100, language: 'fr' }),
    'audioTracks.dubPartUrls': () => a.audioTracks.dubPartUrls({ videoId: bVideo, trackId: bDub, partNumbers: [1] }),
    'audioTracks.listDubParts': () => a.audioTracks.listDubParts({ videoId: bVideo, trackId: bDub }),
    'audioTracks.completeDub': () => a.audioTracks.completeDub({ videoId: bVideo, trackId: bDub }),
    'audioTracks.updateDub': () => a.audioTracks.updateDub({ videoId: bVideo, trackId: bDub, name: 'pwned' }),
    'audioTracks.removeDub': () => a.audioTracks.removeDub({ videoId: bVideo, trackId: bDub }),
    'captions.list': () => a.captions.list({ videoId: bVideo }),
    'captions.upload': () => a.captions.upload({ videoId: bVideo, content: 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\npwned\n', language: 'en' }),
    'captions.cues': () => a.captions.cues({ videoId: bVideo, trackId: bTrack }),
    'captions.replaceCues': () => a.captions.replaceCues({ videoId: bVideo, trackId: bTrack, cues: [{ startSeconds: 0, endSeconds: 1, text: 'pwned' }] }),
    'captions.update': () => a.captions.update({ videoId: bVideo, trackId: bTrack, label: 'pwned' }),
    'captions.remove': () => a.captions.remove({ videoId: bVideo, trackId: bTrack }),
    'captions.transcript': () => a.captions.transcript({ videoId: bVideo, trackId: bTrack }),
    'captions.generate': () => a.captions.generate({ videoId: bVideo, language: 'en' }),
    'downloads.get': () => a.downloads.get({ videoId: bVideo }),
    'downloads.setEnabled': () => a.downloads.setEnabled({ videoId: bVideo, enabled: true }),
    'downloads.links': () => a.downloads.links({ videoId: bVideo }),
    'availability.get': () => a.availability.get({ videoId: bVideo }),
    'availability.set': () => a.availability.set({ videoId: bVideo, publishAt: null, unpublishAt: null, countryRule: { mode: 'allow', countries: ['FR'] } }),
    'clips.create': () => a.clips.create({ videoId: bVideo, startSeconds: 0, endSeconds: 1 }),
    'catalogue.metadata': () => a.catalogue.metadata({ videoId: bVideo }),
    'catalogue.setMetadata': () => a.catalogue.setMetadata({ videoId: bVideo, tags: ['pwned'] }),
    'series.get': () => a.series.get({ seriesId: bSeries }),
    'series.update': () => a.series.update({ seriesId: bSeries, title: 'pwned' }),
    'series.delete': () => a.series.delete({ seriesId: bSeries }),
    'series.addSeason': () => a.series.addSeason({ seriesId: bSeries }),
    'series.updateSeason': () => a.series.updateSeason({ seasonId: bSeason, title: 'pwned' }),
    'series.removeSeason': () => a.series.removeSeason({ seasonId: bSeason }),
    'series.placeEpisode': () => a.series.placeEpisode({ videoId: bVideo, seasonId: bSeason, episodeNumber: 1 }),
    'series.removeEpisode': () => a.series.removeEpisode({ videoId: bVideo }),
    'series.reorderEpisodes': () => a.series.reorderEpisodes({ seasonId: bSeason, videoIds: [bVideo] }),
    'collections.get': () => a.collections.get({ collectionId: bCollection }),
    'collections.update': () => a.collections.update({ collectionId: bCollection, title: 'pwned' }),
    'collections.delete': () => a.collections.delete({ collectionId: bCollection }),
    'collections.addItem': () => a.collections.addItem({ collectionId: bCollection, seriesId: bSeries }),
    'collections.removeItem': () => a.collections.removeItem({ collectionId: bCollection, itemId: bItem }),
    'collections.reorderItems': () => a.collections.reorderItems({ collectionId: bCollection, itemIds: [bItem] }),
    'sales.archiveOffer': () => a.sales.archiveOffer({ offerId: bOffer }),
  };
  const procedures = Object.keys(appRouter._def.procedures);
  const uncovered = procedures.filter((name) => !(name in attempts) && !OWN_TENANT_ONLY.has(name) && !PUBLIC.has(name) && !VIEWER_ONLY.has(name) && !OPERATOR_ONLY.has(name));
  expect(uncovered, 'procedures with no isolation case').toEqual([]);

  for (const [name, attempt] of Object.entries(attempts)) {
    await expect(attempt(), name).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }

  await expect(a.operator.costs(), 'operator.costs').rejects.toMatchObject({ code: expect.stringMatching(/^(UNAUTHORIZED|FORBIDDEN)$/) });
  await expect(a.operator.analytics({}), 'operator.analytics').rejects.toMatchObject({ code: expect.stringMatching(/^(UNAUTHORIZED|FORBIDDEN)$/) });
  await expect(a.operator.refusedDeliveries({}), 'operator.refusedDeliveries').rejects.toMatchObject({ code: expect.stringMatching(/^(UNAUTHORIZED|FORBIDDEN)$/) });
  const bTenantId = (await tenantB.admin.tenants.me()).id;
  await expect(a.tenants.offboard({ tenantId: bTenantId }), 'tenants.offboard').rejects.toMatchObject({ code: expect.stringMatching(/^(UNAUTHORIZED|FORBIDDEN)$/) });

  // A's own-tenant views never include B's data.
  expect((await a.usage.byVideo()).videos).toEqual([]);
  expect((await a.usage.summary()).totals.transcodeMinutes).toBe(0);
  expect((await tenantB.admin.usage.summary()).totals.transcodeMinutes).toBeGreaterThan(0);
  expect((await a.billing.preview()).lines.filter((line) => line.kind === 'usage').every((line) => line.quantity === 0)).toBe(true);
  expect((await a.videos.list()).data).toEqual([]);
  expect(await a.playbackKeys.list()).toEqual([]);
  expect(await a.apiKeys.list()).toEqual([]);
  expect((await a.viewers.list()).data).toEqual([]);
  expect((await a.webhooks.list()).data).toEqual([]);
  expect((await a.admins.list()).map((admin) => admin.email)).toEqual([tenantA.email]);
  expect((await a.inbox.list()).data).toEqual([]);
  expect(await a.viewers.site()).toEqual({ url: null });
  expect(await a.viewers.signUp()).toEqual({ open: false });
  expect((await a.catalogue.search({ query: 'B' })).data).toEqual([]);
  expect((await a.series.list()).data).toEqual([]);
  expect(await a.collections.list()).toEqual([]);
  await expect(a.collections.reorder({ collectionIds: [bCollection] })).rejects.toThrow(/every one of the 0 collections/);
  expect(await a.sales.offers()).toEqual([]);
  // B's title named on A's storefront: nothing of B's is recommended or revealed.
  expect((await platform.caller().storefront.recommendations({ tenantSlug: tenantA.slug, videoId: bVideo })).recommendations).toEqual([]);
  await expect(a.sales.createOffer({ kind: 'purchase', name: 'pwned', amount: 999, currency: 'usd', videoIds: [bVideo] })).rejects.toThrow(`These videos are not in your library: ${bVideo}.`);
  expect((await a.sales.report({ from: new Date(0), to: new Date(86_400_000 * 300) })).money).toEqual([]);
  expect((await tenantB.admin.sales.offers()).map((offer) => offer.id)).toEqual([bOffer]);

  // B's resources are exactly as they were.
  const video = await tenantB.admin.videos.get({ videoId: bVideo });
  expect(video).toMatchObject({ title: 'B secret', accessMode: 'token', status: 'ready' });
  expect((await tenantB.admin.videos.listParts({ videoId: bUpload })).parts).toEqual([]);
  expect(await tenantB.admin.chapters.get({ videoId: bVideo })).toEqual([]);
  expect(await tenantB.admin.catalogue.metadata({ videoId: bVideo })).toMatchObject({ tags: [], episode: { seriesId: bSeries, seasonNumber: 1, episodeNumber: 1 } });
  expect(await tenantB.admin.series.get({ seriesId: bSeries })).toMatchObject({ title: 'B series', seasons: [{ id: bSeason, title: '', episodes: [{ videoId: bVideo }] }] });
  expect(await tenantB.admin.collections.get({ collectionId: bCollection })).toMatchObject({ title: 'B row', items: [{ id: bItem, seriesId: bSeries }] });
  expect(await tenantB.admin.downloads.get({ videoId: bVideo })).toMatchObject({ enabled: false, status: 'none' });
  expect(await tenantB.admin.availability.get({ videoId: bVideo })).toMatchObject({ publishAt: null, countryRule: null });
  expect((await tenantB.admin.playbackKeys.list())[0]).toMatchObject({ id: bKey, revokedAt: null });
  expect((await tenantB.admin.apiKeys.list())[0]).toMatchObject({ id: bApiKey, revokedAt: null });
  expect((await tenantB.admin.viewers.list()).data.map((viewer) => viewer.viewerId)).toEqual([bViewer]);
  expect((await tenantB.admin.admins.list()).map((admin) => admin.adminId)).toContain(bAdmin);
  expect(await tenantB.admin.webhooks.get({ endpointId: bEndpoint })).toMatchObject({ url: 'http://10.255.0.1/hook', previousSecretExpiresAt: null });
  expect((await tenantB.admin.webhooks.deliveries({ endpointId: bEndpoint })).data.map((delivery) => delivery.id)).toEqual([bDelivery]);
  expect((await tenantB.admin.captions.cues({ videoId: bVideo, trackId: bTrack })).cues).toEqual([{ startSeconds: 0.5, endSeconds: 1.5, text: 'B secret line' }]);
  expect((await tenantB.admin.captions.list({ videoId: bVideo })).map((track) => track.label)).toEqual(['English']);
  expect((await tenantB.admin.audioTracks.list({ videoId: bVideo })).filter((track) => track.origin === 'dub')).toMatchObject([{ id: bDub, name: 'B dub', status: 'processing' }]);
  expect((await tenantB.admin.audioTracks.listDubParts({ videoId: bVideo, trackId: bDub })).parts).toEqual([]);
});

it("cannot authorise tenant B's token-mode video with tenant A's playback key", async () => {
  const key = await tenantA.admin.playbackKeys.create({ name: 'a backend' });
  const { SignJWT } = await import('jose');
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: key.id })
    .setSubject(bVideo)
    .setAudience('playback')
    .setIssuedAt()
    .setExpirationTime('1m')
    .sign(new TextEncoder().encode(key.secret));
  await expect(platform.caller().playback.authorize({ videoId: bVideo, credential: token })).rejects.toMatchObject({ code: 'FORBIDDEN' });
});
