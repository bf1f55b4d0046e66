// Static MP4 downloads per video: switched on and off by the tenant, made from the package being played (the
// make-downloads job, or the transcode itself when they were on at upload), published as `downloads/{name}.mp4` under
// the video's prefix, and fetched through links signed like playback (CloudFront's format, one file each).
import type { DownloadLinks, DownloadsView } from '@ott/contracts';
import type { Video, VideoDownload } from '../../db/schema.js';
import type { DownloadOutput } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { notReady } from '../errors.js';
import { deliveryBaseUrl } from '../playback/authorize-playback.js';
import { grantExpiry } from '../playback/grant-expiry.js';
import { DOWNLOADS_FOLDER, downloadFilename } from './download-files.js';
import { videoOfTenant } from './video-access.js';

type Deps = Pick<DomainDeps, 'db' | 'store' | 'queue' | 'clock'>;

export async function getDownloads(deps: Pick<DomainDeps, 'db'>, tenantId: string, videoId: string): Promise<DownloadsView> {
  return downloadsView(await videoOfTenant(deps, tenantId, videoId));
}

/**
 * Switching on a ready video queues the job that makes them; a video still on its way makes them in its transcode.
 * Switching off deletes the files at once (links already given stop working).
 */
export async function setDownloadsEnabled(deps: Deps, tenantId: string, videoId: string, enabled: boolean): Promise<DownloadsView> {
  await videoOfTenant(deps, tenantId, videoId);
  if (!enabled) {
    const video = await deps.db
      .updateTable('videos')
      .set({ downloads_enabled: false, downloads: '[]', downloads_status: null, downloads_failure_reason: null, updated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', videoId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await deps.store.deletePrefix(`t/${tenantId}/v/${videoId}/${DOWNLOADS_FOLDER}`);
    return downloadsView(video);
  }
  const video = await deps.db
    .updateTable('videos')
    .set({ downloads_enabled: true, updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return downloadsView(await queueDownloadsIfMissing(deps, video));
}

/**
 * A ready video with downloads on and none made or being made gets its make-downloads job (a failed attempt is tried
 * again: switching on is how the tenant asks for it). Also called once a transcode ends, for downloads switched on
 * while it ran.
 */
export async function queueDownloadsIfMissing(deps: Pick<DomainDeps, 'db' | 'queue' | 'clock'>, video: Video): Promise<Video> {
  if (!video.downloads_enabled || video.status !== 'ready' || video.downloads_status === 'processing' || video.downloads_status === 'ready') return video;
  const queued = await deps.db
    .updateTable('videos')
    .set({ downloads_status: 'processing', downloads_failure_reason: null, updated_at: deps.clock.now() })
    .where('tenant_id', '=', video.tenant_id)
    .where('id', '=', video.id)
    .where('downloads_enabled', '=', true)
    .where((eb) => eb.or([eb('downloads_status', 'is', null), eb('downloads_status', '=', 'failed')]))
    .returningAll()
    .executeTakeFirst();
  if (!queued) return video;
  await deps.queue.enqueue({ type: 'make-downloads', tenantId: video.tenant_id, videoId: video.id });
  return queued;
}

/** A new package (the source was replaced) needs its own files: made again at the same keys, replacing the old ones. */
export async function remakeDownloads(deps: Pick<DomainDeps, 'db' | 'queue' | 'clock'>, tenantId: string, videoId: string): Promise<void> {
  const video = await deps.db
    .updateTable('videos')
    .set({ downloads_status: null, downloads_failure_reason: null, updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .where('downloads_enabled', '=', true)
    .returningAll()
    .executeTakeFirst();
  if (video) await queueDownloadsIfMissing(deps, video);
}

/**
 * Records the files made (paths from the video's prefix). Returns false when downloads were switched off meanwhile:
 * the caller then deletes what it published.
 */
export async function recordDownloads(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string, files: readonly DownloadOutput[]): Promise<boolean> {
  const downloads: VideoDownload[] = files.map(({ name, width, height, bytes, path }) => ({ name, width, height, bytes, path }));
  const updated = await deps.db
    .updateTable('videos')
    .set({ downloads: JSON.stringify(downloads), downloads_status: 'ready', downloads_failure_reason: null, updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .where('downloads_enabled', '=', true)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export async function markDownloadsFailed(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, videoId: string, reason: string): Promise<void> {
  await deps.db
    .updateTable('videos')
    .set({ downloads_status: 'failed', downloads_failure_reason: reason, updated_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', videoId)
    .where('downloads_enabled', '=', true)
    .execute();
}

/**
 * A signed link per file for the tenant's backend or portal to hand to a viewer: each grant names one file exactly (no
 * wildcard) and lasts as long as a playback grant, so a signing key's rotation never outlives it.
 */
export async function downloadLinks(deps: Pick<DomainDeps, 'db' | 'signer' | 'clock' | 'urls' | 'playback'>, tenantId: string, videoId: string): Promise<DownloadLinks> {
  const video = await videoOfTenant(deps, tenantId, videoId);
  if (!video.downloads_enabled) throw notReady('Downloads are off for this video. Switch them on first (they are made in a minute or two).');
  if (video.downloads_status !== 'ready' || video.downloads.length === 0) {
    throw notReady(
      video.downloads_status === 'failed'
        ? `The downloads could not be made: ${video.downloads_failure_reason ?? 'unknown reason'} Switch downloads off and on to try again.`
        : 'The downloads are still being made. Try again in a minute.',
    );
  }
  const tenant = await deps.db.selectFrom('tenants').select('delivery_domain').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const prefix = `${deliveryBaseUrl(tenant.delivery_domain, deps.urls.edge)}/t/${tenantId}/v/${videoId}/`;
  const expiresAt = grantExpiry(deps.clock.now(), deps.playback.grantSeconds);
  const files = await Promise.all(
    video.downloads.map(async (file) => {
      const resource = `${prefix}${file.path}`;
      const grant = await deps.signer.sign({ tenantId, resource, expiresAt });
      const query = new URLSearchParams({ Policy: grant.policy, Signature: grant.signature, 'Key-Pair-Id': grant.keyPairId }).toString();
      return { name: file.name, width: file.width, height: file.height, bytes: file.bytes, url: `${resource}?${query}`, filename: downloadFilename(video.title, file.name) };
    }),
  );
  return { videoId, expiresAt, files };
}

export function downloadsView(video: Video): DownloadsView {
  return {
    videoId: video.id,
    enabled: video.downloads_enabled,
    status: video.downloads_status ?? 'none',
    failureReason: video.downloads_failure_reason,
    files: video.downloads.map(({ name, width, height, bytes }) => ({ name, width, height, bytes })),
  };
}
