// Images on demand (like Mux's image API): a picture of a ready video at any time and width, made the first time it is
// asked for and kept in the store at its own address (`t/{tenant}/v/{video}/image/{time}/{width}.jpg`), so every later
// request is a plain stored object. The edge calls this only after the request's signature held and only when the
// object is not stored yet. The frame comes from our own HLS package, never the upload: the smallest rendition at
// least as wide as asked (the widest when none is), the one segment holding the moment.
import { IMAGE_FOLDER, imagePath, parseImageRequest } from '../../media/image-request.js';
import { parseMediaPlaylist } from '../../media/media-playlist.js';
import { videoFrameImage } from '../../media/video-frame-image.js';
import { readFile } from 'node:fs/promises';
import type { DomainDeps } from '../deps.js';

export type ImageAnswer = { kind: 'stored' } | { kind: 'refused'; status: 400 | 404 | 503; message: string };

export interface OnDemandImagesOptions {
  db: DomainDeps['db'];
  store: DomainDeps['store'];
  ffmpegPath: string;
  /** Images one tenant may have in the making at once (each is one ffmpeg process); past it, 503 and retry. */
  concurrentPerTenant?: number;
}

const DEFAULT_CONCURRENT_PER_TENANT = 2;

export class OnDemandImages {
  readonly #options: OnDemandImagesOptions;
  readonly #busy = new Map<string, number>();
  /** Requests for the same image while it is being made wait for that one. */
  readonly #inFlight = new Map<string, Promise<ImageAnswer>>();

  constructor(options: OnDemandImagesOptions) {
    this.#options = options;
  }

  /** Makes and stores the image `file` (path segments below the video's prefix) names, or says why not. */
  async ensure(tenantId: string, videoId: string, file: readonly string[]): Promise<ImageAnswer> {
    const request = parseImageRequest(file);
    if (!request.ok) return { kind: 'refused', status: 400, message: request.message };
    const key = `t/${tenantId}/v/${videoId}/${imagePath(request.timeSeconds, request.width)}`;
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    const running = this.#busy.get(tenantId) ?? 0;
    if (running >= (this.#options.concurrentPerTenant ?? DEFAULT_CONCURRENT_PER_TENANT)) {
      return { kind: 'refused', status: 503, message: 'Too many images are being made for this workspace right now. Retry in a second.' };
    }
    this.#busy.set(tenantId, running + 1);
    const making = this.#make(tenantId, videoId, key, request.timeSeconds, request.width).finally(() => {
      this.#inFlight.delete(key);
      const left = (this.#busy.get(tenantId) ?? 1) - 1;
      if (left === 0) this.#busy.delete(tenantId);
      else this.#busy.set(tenantId, left);
    });
    this.#inFlight.set(key, making);
    return making;
  }

  async #make(tenantId: string, videoId: string, key: string, timeSeconds: number, width: number): Promise<ImageAnswer> {
    const { db, store, ffmpegPath } = this.#options;
    const video = await db.selectFrom('videos').select(['status', 'duration_seconds']).where('tenant_id', '=', tenantId).where('id', '=', videoId).executeTakeFirst();
    if (video?.status !== 'ready' || video.duration_seconds === null) return { kind: 'refused', status: 404, message: 'The video is not ready: images can be made once it is.' };
    if (timeSeconds > video.duration_seconds) {
      return { kind: 'refused', status: 400, message: `The time ${timeSeconds} s is after the end of the video (${video.duration_seconds.toFixed(3)} s).` };
    }
    const renditions = await db.selectFrom('renditions').select(['width', 'playlist_path']).where('tenant_id', '=', tenantId).where('video_id', '=', videoId).orderBy('width').execute();
    const top = renditions[renditions.length - 1];
    if (!top) return { kind: 'refused', status: 404, message: 'The video has no renditions to take an image from.' };
    // Never upscaled: a picture wider than the best rendition would only be blurred.
    if (width > top.width) return { kind: 'refused', status: 400, message: `The width ${width} is wider than the video's largest rendition (${top.width} pixels).` };
    const rendition = renditions.find((candidate) => candidate.width >= width) ?? top;

    const prefix = `t/${tenantId}/v/${videoId}/`;
    const folder = rendition.playlist_path.slice(0, rendition.playlist_path.lastIndexOf('/') + 1);
    const playlist = parseMediaPlaylist(await readFile(await store.localFile(`${prefix}${rendition.playlist_path}`), 'utf8'));
    const segment = segmentAt(playlist.segments, timeSeconds);
    if (!segment || playlist.initUri === undefined) return { kind: 'refused', status: 404, message: 'The video has no segment at that time.' };
    const [init, media] = await Promise.all([readFile(await store.localFile(`${prefix}${folder}${playlist.initUri}`)), readFile(await store.localFile(`${prefix}${folder}${segment.uri}`))]);
    const jpeg = await videoFrameImage(ffmpegPath, { bytes: Buffer.concat([init, media]), offsetSeconds: segment.offsetSeconds, width });
    await store.putBytes(key, jpeg);
    return { kind: 'stored' };
  }
}

/** Removes every image made of the video: they show the package a replaced source has just retired. */
export function forgetVideoImages(store: DomainDeps['store'], tenantId: string, videoId: string): Promise<void> {
  return store.deletePrefix(`t/${tenantId}/v/${videoId}/${IMAGE_FOLDER}/`);
}

/** The segment playing at `timeSeconds`, and how far into it; the last frame of the video for its very end. */
function segmentAt(segments: readonly { uri: string; durationSeconds: number }[], timeSeconds: number): { uri: string; offsetSeconds: number } | undefined {
  let start = 0;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (timeSeconds < start + segment.durationSeconds || last) {
      // A tenth of a second before the segment's end still holds a frame at any frame rate of 10 fps or more.
      const offsetSeconds = Math.max(0, Math.min(timeSeconds - start, segment.durationSeconds - 0.1));
      return { uri: segment.uri, offsetSeconds };
    }
    start += segment.durationSeconds;
  }
  return undefined;
}
