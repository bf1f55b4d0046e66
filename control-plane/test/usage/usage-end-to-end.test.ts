// Metering on the whole local platform: a real transcode records its normalised minutes with the video becoming
// ready, real playback through the edge becomes egress and a play, storage is sampled, and the tenant sees it all
// by day, by video and on the invoice preview; the operator sees what it costs on AWS next to what is billed.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeLogFiles } from '../../src/adapters/local/edge-log-files.js';
import { ingestEdgeLogs } from '../../src/domain/usage/delivery-ingestion.js';
import { recordUsage } from '../../src/domain/usage/record-usage.js';
import { sampleStorage } from '../../src/domain/usage/storage-sampling.js';
import { markReady } from '../../src/domain/videos/video-processing.js';
import { startMeteringJobs } from '../../src/jobs/metering-jobs.js';
import type { TranscodeOutput } from '../../src/ports.js';
import { insertTenant } from '../support/billing-fixtures.js';
import { makeClip } from '../support/media-fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { testLogger } from '../support/test-logger.js';
import { uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let videoId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'metered');
  videoId = await uploadFile(tenant.admin, await makeClip(path.join(platform.dataDir, 'clip.mp4'), { seconds: 3, width: 640, height: 360 }), { title: 'Metered clip' });
  await waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the clip to be transcoded' });
});
afterAll(() => platform?.close());

const usageOf = (meter: string) =>
  platform.database.db
    .selectFrom('usage_events')
    .select(['event_key', 'quantity', 'details'])
    .where('tenant_id', '=', tenant.session.tenantId)
    .where('meter', '=', meter)
    .orderBy('event_key')
    .execute();

describe('metering on the local platform', () => {
  it('records normalised minutes per rendition when the video becomes ready, and nothing more on a re-run', async () => {
    const video = await tenant.admin.videos.get({ videoId });
    const events = await usageOf('transcode');
    expect(events.map((event) => event.event_key)).toEqual(video.renditions.map((rendition) => `transcode:${videoId}:${rendition.name}`).sort());
    // A 3-second SD output at 30 fps is billed as MediaConvert's 10-second minimum.
    expect(events.every((event) => Number(event.quantity) === 10 && event.details.resolutionClass === 'SD')).toBe(true);

    // The job runs again (a worker died after publishing): same renditions, same events, nothing new to bill.
    const outbox = await platform.database.db.selectFrom('meter_outbox').selectAll().where('tenant_id', '=', tenant.session.tenantId).execute();
    const renditions = await platform.database.db.selectFrom('renditions').selectAll().where('video_id', '=', videoId).execute();
    const row = await platform.database.db.selectFrom('videos').select(['assets', 'duration_seconds']).where('id', '=', videoId).executeTakeFirstOrThrow();
    const audio = await platform.database.db.selectFrom('audio_tracks').selectAll().where('video_id', '=', videoId).where('origin', '=', 'source').orderBy('position').execute();
    const output = {
      durationSeconds: row.duration_seconds ?? 0,
      masterPlaylistPath: row.assets!.masterPlaylist,
      posterPath: row.assets!.poster,
      thumbnails: row.assets!.thumbnails,
      storyboard: { imagePath: row.assets!.storyboard.image, vttPath: row.assets!.storyboard.vtt, intervalSeconds: 1, tileWidth: 1, tileHeight: 1, columns: 1, rows: 1 },
      renditions: renditions.map((rendition) => ({
        name: rendition.name,
        width: rendition.width,
        height: rendition.height,
        frameRate: rendition.frame_rate,
        videoCodec: rendition.video_codec,
        codecs: rendition.codecs,
        bandwidth: rendition.bandwidth,
        averageBandwidth: rendition.average_bandwidth,
        playlistPath: rendition.playlist_path,
        durationSeconds: rendition.duration_seconds,
        bytes: Number(rendition.bytes),
      })),
      audioTracks: audio.map((track) => ({
        language: track.language,
        name: track.name,
        isDefault: track.is_default,
        channels: track.channels,
        codecs: track.codecs,
        bandwidth: track.bandwidth,
        playlistPath: track.playlist_path ?? '',
        bytes: Number(track.bytes),
      })),
      textTracks: [],
      notes: [],
      videoRange: 'SDR',
      downloads: [],
    } as unknown as TranscodeOutput;
    await markReady(platform.app.deps, tenant.session.tenantId, videoId, output);
    expect(await usageOf('transcode')).toEqual(events);
    expect(await platform.database.db.selectFrom('meter_outbox').selectAll().where('tenant_id', '=', tenant.session.tenantId).execute()).toEqual(outbox);
  });

  it('turns playback through the edge into egress and a play, counted once however often ingestion runs', async () => {
    const grant = await platform.caller().playback.authorize({ videoId });
    const master = await fetch(grant.signedManifestUrl);
    const masterText = await master.text();
    const media = masterText.split('\n').find((line) => line && !line.startsWith('#'));
    const playlist = await fetch(new URL(media ?? '', grant.signedManifestUrl));
    const playlistText = await playlist.text();
    await platform.accessLog.flush();
    const expectedBytes = Buffer.byteLength(masterText) + Buffer.byteLength(playlistText);

    const reader = new EdgeLogFiles(path.join(platform.dataDir, 'logs'));
    await ingestEdgeLogs(platform.app.deps, reader);
    await ingestEdgeLogs(platform.app.deps, reader);
    const summary = await tenant.admin.usage.summary({ days: 7 });
    expect(summary.days).toHaveLength(7);
    expect(summary.totals).toMatchObject({ egressGB: expect.closeTo(expectedBytes / 1e9, 6), plays: 1 });
    expect(Number((await usageOf('egress')).reduce((sum, event) => sum + Number(event.quantity), 0))).toBe(expectedBytes);
    const today = summary.days.at(-1);
    expect(today).toMatchObject({ plays: 1, transcodeMinutes: expect.any(Number) });
    expect(today!.transcodeMinutes).toBeGreaterThan(0);
  });

  it('samples storage by class, and shows usage and cost per video and the invoice preview', async () => {
    await sampleStorage(platform.app.deps);
    await sampleStorage(platform.app.deps);
    const [source] = await usageOf('storage_source');
    const [renditions] = await usageOf('storage_rendition');
    expect(Number(source?.quantity)).toBeGreaterThan(0);
    expect(Number(renditions?.quantity)).toBeGreaterThan(0);
    expect(await usageOf('storage_source')).toHaveLength(1);

    const { videos } = await tenant.admin.usage.byVideo();
    expect(videos).toEqual([
      expect.objectContaining({ videoId, title: 'Metered clip', plays: 1, transcodeMinutes: expect.any(Number), costCents: { transcode: 0, egress: 0, storagePerMonth: 0, total: 0 } }),
    ]);
    expect(videos[0]!.transcodeMinutes).toBeCloseTo((10 * (await tenant.admin.videos.get({ videoId })).renditions.length) / 60, 3);
    expect(await tenant.admin.usage.video({ videoId })).toEqual(videos[0]);

    const preview = await tenant.admin.billing.preview();
    expect(preview).toMatchObject({ plan: { id: 'free' }, currency: 'usd', totalCents: 0 });
    expect(preview.lines.map((line) => line.description)).toEqual(['Free plan, monthly fee', 'Transcoding', 'Delivery egress', 'Storage (originals and renditions)']);
    expect(preview.lines.find((line) => line.meter === 'transcode')?.quantity).toBeCloseTo(videos[0]!.transcodeMinutes, 3);
  });

  it('keeps metering on its own in the worker: new playback shows up without anyone running ingestion', async () => {
    const jobs = await startMeteringJobs(platform.app.deps, platform.app.queue, { intervalSeconds: 1, edgeLogs: new EdgeLogFiles(path.join(platform.dataDir, 'logs')), log: testLogger });
    try {
      const grant = await platform.caller().playback.authorize({ videoId });
      expect((await fetch(grant.signedManifestUrl)).status).toBe(200);
      await platform.accessLog.flush();
      await waitFor(async () => ((await tenant.admin.usage.summary({ days: 1 })).totals.plays === 2 ? true : undefined), { what: 'the worker to ingest the second play', timeoutMs: 30_000 });
    } finally {
      jobs.stop();
    }
  });

  it('answers Stripe webhooks with 404 in the local shape, where Stripe is not configured', async () => {
    const response = await fetch(`${platform.apiUrl}/webhooks/stripe`, { method: 'POST', body: '{}', headers: { 'stripe-signature': 't=1,v1=x' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Stripe is not configured on this installation (STRIPE_SECRET_KEY is unset).' });
  });

  it("shows the operator, and only the operator, each tenant's AWS cost next to what it is billed", async () => {
    await expect(platform.caller('op-secret-token-for-tests-0001').operator.costs()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('OTT_OPERATOR_TOKEN') });
    platform.app.deps.operatorToken = 'op-secret-token-for-tests-0001';
    try {
      await expect(platform.caller('not-the-token').operator.costs()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(platform.caller(tenant.session.accessToken).operator.costs()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

      // A busy Pro tenant: 1,000 basic and 100 professional normalised minutes, 2 TB out, 1,000 GB-months of renditions.
      const { tenantId, slug } = await insertTenant(platform.database.db, { plan: 'pro' });
      const now = new Date();
      await recordUsage(platform.database.db, [
        { key: `op:1:${tenantId}`, tenantId, meter: 'transcode', quantity: 60_000, occurredAt: now, details: { tier: 'basic' } },
        { key: `op:2:${tenantId}`, tenantId, meter: 'transcode', quantity: 6_000, occurredAt: now, details: { tier: 'professional' } },
        { key: `op:3:${tenantId}`, tenantId, meter: 'egress', quantity: 2_000_000_000_000, occurredAt: now, details: { requests: 4_000_000 } },
        { key: `op:4:${tenantId}`, tenantId, meter: 'storage_rendition', quantity: 730_000_000, occurredAt: now },
      ]);
      const report = await platform.caller('op-secret-token-for-tests-0001').operator.costs();
      expect(report.prices).toMatchObject({ readOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), region: 'us-east-1' });
      const busy = report.tenants.find((entry) => entry.slug === slug);
      expect(busy).toMatchObject({
        plan: 'pro',
        usage: { transcodeNormalisedMinutes: { basic: 1000, professional: 100 }, egressGB: 2000, deliveryRequests: 4_000_000, storageGBMonths: { source: 0, rendition: 1000 } },
        // $7.50 + $1.20 MediaConvert, 1,000 GB-months of S3 Standard at $0.023, 2,000 GB of CloudFront at $0.085 + 4 M requests at $0.01 per 10,000.
        awsCostCents: { mediaConvert: 870, s3: 2300, cloudFront: 17_400, total: 20_570 },
        // $49 + 100 minutes over at $0.015 + 1,000 GB over at $0.12 + 500 GB-months over at $0.05.
        billedCents: 4900 + 150 + 12_000 + 2500,
        invoice: 'preview',
        // 2 TB in 4 M requests fits CloudFront's $15 Pro plan: $159 a month less than pay-as-you-go.
        cloudFront: { recommended: { pricing: { kind: 'flat-rate', plan: 'pro' }, cents: 1500, savingCents: 17_400 - 1500 } },
      });
      expect(busy!.marginCents).toBe(busy!.billedCents - busy!.awsCostCents.total);
      expect(report.tenants.some((entry) => entry.tenantId === tenant.session.tenantId)).toBe(true);
    } finally {
      platform.app.deps.operatorToken = undefined;
    }
  });

  it('bills a burst of unsigned and forged requests to the tenant’s videos as nothing, shows them to the operator, and signed plays exactly', async () => {
    const operator = 'op-secret-token-for-tests-0002';
    platform.app.deps.operatorToken = operator;
    try {
      const tenantId = tenant.session.tenantId;
      const refusalsOf = async () =>
        (await platform.caller(operator).operator.refusedDeliveries()).tenants.find((entry) => entry.tenantId === tenantId) ?? { requests: 0, bytes: 0, statuses: {} as Record<string, number> };
      const totals = async () => ({
        egress: (await usageOf('egress')).reduce((sum, event) => sum + Number(event.quantity), 0),
        plays: (await usageOf('plays')).reduce((sum, event) => sum + Number(event.quantity), 0),
      });
      const reader = new EdgeLogFiles(path.join(platform.dataDir, 'logs'));
      await platform.accessLog.flush();
      await ingestEdgeLogs(platform.app.deps, reader);
      const [before, refusedBefore] = [await totals(), await refusalsOf()];

      // A viewer's play finds the paths a stranger would aim at: the master playlist (a play), a rendition, a segment.
      const grant = await platform.caller().playback.authorize({ videoId });
      const master = await (await fetch(grant.signedManifestUrl)).text();
      const rendition = master.split('\n').find((line) => line && !line.startsWith('#')) ?? '';
      const playlistUrl = new URL(rendition, grant.signedManifestUrl);
      const playlist = await (await fetch(playlistUrl)).text();
      const segmentUrl = new URL(playlist.split('\n').find((line) => line && !line.startsWith('#') && line.includes('.m4s')) ?? '', playlistUrl);
      const unsigned = (url: URL | string) => String(url).split('?')[0]!;
      const forged = (url: URL | string) => String(url).replace(/Signature=[^&]+/, `Signature=${'A'.repeat(342)}~~`);
      const burst = [
        ...Array.from({ length: 20 }, (_, index) => (index % 2 ? unsigned(grant.manifestUrl) : unsigned(segmentUrl))),
        ...Array.from({ length: 20 }, (_, index) => (index % 2 ? forged(grant.signedManifestUrl) : forged(segmentUrl))),
        // Signed, but for nothing there.
        String(segmentUrl).replace(/[^/]+\.m4s/, 'seg-99999.m4s'),
      ];
      let refusedBytes = 0;
      const statuses: Record<string, number> = {};
      for (const url of burst) {
        const response = await fetch(url);
        refusedBytes += (await response.arrayBuffer()).byteLength;
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
      expect(statuses).toEqual({ 403: 40, 404: 1 });

      // Two more signed plays: the master playlist, its rendition playlist and a segment each.
      let servedBytes = 0;
      for (let play = 0; play < 2; play += 1) {
        for (const url of [grant.signedManifestUrl, playlistUrl, segmentUrl]) {
          const response = await fetch(url);
          expect(response.status).toBe(200);
          servedBytes += (await response.arrayBuffer()).byteLength;
        }
      }
      await platform.accessLog.flush();
      await ingestEdgeLogs(platform.app.deps, reader);

      expect(await totals()).toEqual({ egress: before.egress + Buffer.byteLength(master) + Buffer.byteLength(playlist) + servedBytes, plays: before.plays + 3 });
      const refused = await refusalsOf();
      expect(refused.requests - refusedBefore.requests).toBe(41);
      expect(refused.bytes - refusedBefore.bytes).toBe(refusedBytes);
      expect(refused.statuses).toMatchObject({ 403: (refusedBefore.statuses[403] ?? 0) + 40, 404: (refusedBefore.statuses[404] ?? 0) + 1 });
      // Never on the tenant's own usage or invoice.
      expect((await tenant.admin.usage.summary({ days: 1 })).totals.plays).toBe(before.plays + 3);
      await expect(platform.caller(tenant.session.accessToken).operator.refusedDeliveries()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    } finally {
      platform.app.deps.operatorToken = undefined;
    }
  });
});
