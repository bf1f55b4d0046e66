// A small stand-in for the control plane that speaks tRPC's HTTP wire format (httpLink: GET for queries
// with ?input=, POST for mutations with a JSON body; `{ result: { data } }` or `{ error: { message, data: { code } } }`)
// and stores multipart parts like the local store's signed part URLs. It keeps the real rules the CLI
// depends on: 15-minute access tokens, rotating refresh tokens whose reuse ends every session, signed
// part URLs that expire, and the upload plan the server makes.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

type Code = 'UNAUTHORIZED' | 'NOT_FOUND' | 'BAD_REQUEST' | 'CONFLICT' | 'PRECONDITION_FAILED';
const STATUS: Record<Code, number> = { UNAUTHORIZED: 401, NOT_FOUND: 404, BAD_REQUEST: 400, CONFLICT: 409, PRECONDITION_FAILED: 412 };

export class FakeError extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeVideo {
  id: string;
  title: string;
  accessMode: 'public' | 'viewers' | 'token';
  status: 'uploading' | 'queued' | 'processing' | 'ready' | 'failed';
  progress: number;
  failureReason: string | null;
  sourceFilename: string;
  sourceSize: number;
  durationSeconds: number | null;
  partSize: number;
  partCount: number;
  parts: Map<number, Buffer>;
}

/** What to do with one PUT of a part: answer with a status, cut the connection, or store it. */
export type PartFault = { status: number; message: string } | 'reset' | undefined;

export interface FakeOptions {
  /** Server clock; tokens and part URLs expire against it. */
  now?: () => number;
  partSize?: number;
  accessTokenSeconds?: number;
  /** tenants.me answers `provisioning` this many times before the final state. */
  provisioningPolls?: number;
  provisioningFailure?: string;
  /** Set to make transcoding fail with this reason. */
  transcodeFailure?: string;
  partFault?: (partNumber: number, attempt: number) => PartFault;
}

interface Session {
  adminId: string;
  tenantId: string;
}

export const PASSWORD = 'correct horse battery';

/** What the usage and billing procedures answer, as the control plane would (dates as ISO strings). */
export interface FakeUsage {
  days: { day: string; transcodeMinutes: number; egressGB: number; storageSourceGBHours: number; storageRenditionGBHours: number; plays: number }[];
  preview: Record<string, unknown>;
  videos: Record<string, unknown>[];
}

const emptyPreview = {
  period: { startsAt: '2026-11-01T00:00:00.000Z', endsAt: '2026-12-01T00:00:00.000Z' },
  plan: { id: 'free', name: 'Free' },
  currency: 'usd',
  lines: [{ kind: 'fee', meter: null, description: 'Free plan, monthly fee', quantity: 1, included: 0, billable: 1, unit: 'month', unitPrice: null, amountCents: 0, base: null }],
  totalCents: 0,
  asOf: '2026-11-21T12:00:00.000Z',
};

/** A server API key as apiKeys.list answers it (the secret itself is never stored here, as on the server). */
export interface FakeApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export class FakeControlPlane {
  readonly calls: string[] = [];
  readonly apiKeys: FakeApiKey[] = [];
  readonly captionTracks: { id: string; language: string; label: string; kind: string; origin: string; isDefault: boolean; cueCount: number }[] = [];
  /** Dubs; each one's file uploads like a video's (an entry of `videos` under the track's id). */
  readonly dubs: { id: string; language: string; name: string; origin: 'dub'; isDefault: boolean; channels: number; status: string; failureReason: string | null }[] = [];
  readonly webhookEndpoints: { id: string; url: string; description: string; eventTypes: string[]; status: 'enabled' | 'disabled' }[] = [];
  /** Offers on sale (sales.createOffer), as the API answers them. */
  readonly offers: Record<string, unknown>[] = [];
  /** The last availability saved (availability.set); undefined: none yet. */
  availability: Record<string, unknown> | undefined;
  readonly partPuts: { videoId: string; partNumber: number; attempt: number; contentLength: string | undefined }[] = [];
  readonly videos = new Map<string, FakeVideo>();
  readonly usage: FakeUsage = { days: [], preview: emptyPreview, videos: [] };
  /** The last input each procedure received. */
  readonly inputs = new Map<string, unknown>();
  /** What `chapters.set` kept, per video. */
  readonly chapters = new Map<string, { startSeconds: number; title: string }[]>();
  url = '';
  private readonly server: Server;
  private readonly accessTokens = new Map<string, Session & { expiresAt: number }>();
  private readonly refreshTokens = new Map<string, Session & { revoked: boolean }>();
  private readonly tenant = { id: randomUUID(), slug: 'acme', name: 'Acme', status: 'active' as 'provisioning' | 'active' | 'failed', polls: 0 };
  private readonly now: () => number;

  constructor(private readonly options: FakeOptions = {}) {
    this.now = options.now ?? Date.now;
    this.server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
  }

  static async start(options: FakeOptions = {}): Promise<FakeControlPlane> {
    const fake = new FakeControlPlane(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A session as auth.login would return it, for tests that start signed in. */
  issueSession(accessTokenSeconds = this.options.accessTokenSeconds ?? 900) {
    const session = { adminId: 'admin-1', tenantId: this.tenant.id };
    const accessToken = `at-${randomUUID()}`;
    const refreshToken = `rt-${randomUUID()}`;
    const expiresAt = this.now() + accessTokenSeconds * 1000;
    this.accessTokens.set(accessToken, { ...session, expiresAt });
    this.refreshTokens.set(refreshToken, { ...session, revoked: false });
    return { accessToken, accessTokenExpiresAt: new Date(expiresAt).toISOString(), refreshToken, tenantId: this.tenant.id, tenantSlug: this.tenant.slug };
  }

  /** The stored parts of a video, in order: what completing the upload would assemble. */
  assembled(videoId: string): Buffer {
    const parts = this.videos.get(videoId)?.parts ?? new Map<number, Buffer>();
    return Buffer.concat([...parts.entries()].sort(([a], [b]) => a - b).map(([, bytes]) => bytes));
  }

  /** Makes the server refuse access tokens it issued so far, as after a signing-key rotation. */
  forgetAccessTokens(): void {
    this.accessTokens.clear();
  }

  addVideo(video: Partial<FakeVideo> & { id: string }): FakeVideo {
    const full: FakeVideo = {
      title: 'Film',
      accessMode: 'public',
      status: 'ready',
      progress: 1,
      failureReason: null,
      sourceFilename: 'film.mp4',
      sourceSize: 0,
      durationSeconds: 60,
      partSize: 1,
      partCount: 1,
      parts: new Map(),
      ...video,
    };
    this.videos.set(full.id, full);
    return full;
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    if (url.pathname.startsWith('/parts/')) return this.putPart(url, request, response);
    if (!url.pathname.startsWith('/trpc/')) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    const path = url.pathname.slice('/trpc/'.length);
    this.calls.push(path);
    const body = await readBody(request);
    const rawInput = request.method === 'GET' ? url.searchParams.get('input') : body.toString('utf8');
    const input: unknown = rawInput ? JSON.parse(rawInput) : undefined;
    try {
      const data = await this.procedure(path, input, request.headers.authorization);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { data } }));
    } catch (error) {
      const known = error instanceof FakeError ? error : new FakeError('BAD_REQUEST', String(error));
      const shape = { message: known.message, code: -32000, data: { code: known.code, httpStatus: STATUS[known.code], path } };
      response.writeHead(STATUS[known.code], { 'content-type': 'application/json' }).end(JSON.stringify({ error: shape }));
    }
  }

  private async procedure(path: string, input: unknown, authorization: string | undefined): Promise<unknown> {
    const args = (input ?? {}) as Record<string, unknown>;
    switch (path) {
      case 'tenants.signup':
        if (args.slug === 'taken') throw new FakeError('CONFLICT', 'The workspace name "taken" is taken. Choose another one.');
        this.tenant.slug = String(args.slug);
        this.tenant.status = 'provisioning';
        return this.issueSession();
      case 'auth.login':
        if (args.password !== PASSWORD) throw new FakeError('UNAUTHORIZED', 'Wrong workspace, e-mail or password.');
        return this.issueSession();
      case 'auth.refresh':
        return this.refresh(String(args.refreshToken));
      case 'auth.logout':
        this.refreshTokens.delete(String(args.refreshToken));
        return { signedOut: true };
      case 'playback.authorize':
        return this.authorize(args);
    }
    this.authenticate(authorization);
    this.inputs.set(path, input);
    switch (path) {
      case 'tenants.me':
        return this.me();
      case 'usage.summary':
        return this.usageSummary(Number(args.days ?? 30));
      case 'usage.byVideo':
        return { from: '2026-11-15T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z', videos: this.usage.videos };
      case 'billing.preview':
        return this.usage.preview;
      case 'videos.createUpload':
        return this.createUpload(args);
      case 'videos.partUrls':
        return this.signParts(this.openVideo(args.videoId), args.partNumbers as number[]);
      case 'videos.listParts': {
        const video = this.openVideo(args.videoId);
        const parts = [...video.parts].map(([partNumber, bytes]) => ({ partNumber, size: bytes.length, etag: `"${partNumber}"` }));
        return { partSize: video.partSize, partCount: video.partCount, parts };
      }
      case 'videos.completeUpload':
        return this.complete(this.video(args.videoId));
      case 'chapters.set': {
        const video = this.video(args.videoId);
        const chapters = args.chapters as { startSeconds: number; title: string }[];
        const late = chapters.findIndex((chapter) => video.durationSeconds !== null && chapter.startSeconds >= video.durationSeconds);
        if (late !== -1) throw new FakeError('BAD_REQUEST', `Chapter ${late + 1} starts after the end of the video.`);
        this.chapters.set(video.id, chapters);
        return chapters;
      }
      case 'chapters.get':
        return this.chapters.get(this.video(args.videoId).id) ?? [];
      case 'videos.get':
        return {
          ...this.view(this.advance(this.video(args.videoId))),
          renditions: [{ name: '360p', width: 640, height: 360, frameRate: 25, codecs: 'avc1.4d401e', bandwidth: 800_000, averageBandwidth: 700_000, durationSeconds: 60, bytes: 6_000_000 }],
          assets: null,
        };
      case 'apiKeys.create': {
        const key: FakeApiKey = {
          id: randomUUID(),
          name: String(args.name),
          prefix: `ott_sk_${randomUUID().replace(/-/g, '').slice(0, 8)}`,
          scopes: args.scopes as string[],
          createdAt: new Date(this.now()).toISOString(),
          lastUsedAt: null,
          revokedAt: null,
        };
        this.apiKeys.push(key);
        return { ...key, key: `${key.prefix}_${'s'.repeat(43)}` };
      }
      case 'apiKeys.list':
        return this.apiKeys;
      case 'apiKeys.revoke': {
        const key = this.apiKeys.find((candidate) => candidate.id === args.keyId);
        if (!key) throw new FakeError('NOT_FOUND', 'No such API key.');
        key.revokedAt = new Date(this.now()).toISOString();
        return key;
      }
      case 'captions.upload': {
        const track = {
          id: randomUUID(),
          language: String(args.language),
          label: String(args.label ?? 'English'),
          kind: String(args.kind ?? 'subtitles'),
          origin: 'uploaded',
          isDefault: args.isDefault === true,
          cueCount: 1,
        };
        this.captionTracks.push(track);
        return track;
      }
      case 'captions.list':
        return this.captionTracks;
      case 'captions.remove': {
        const index = this.captionTracks.findIndex((track) => track.id === args.trackId);
        if (index < 0) throw new FakeError('NOT_FOUND', 'The caption track was not found.');
        this.captionTracks.splice(index, 1);
        return { removed: true };
      }
      case 'audioTracks.addDub': {
        const ticket = this.createUpload({ filename: args.filename, size: args.size });
        this.dubs.push({
          id: ticket.videoId,
          language: String(args.language),
          name: String(args.name ?? args.language),
          origin: 'dub',
          isDefault: false,
          channels: 2,
          status: 'processing',
          failureReason: null,
        });
        return { ...ticket, videoId: String(args.videoId), trackId: ticket.videoId };
      }
      case 'audioTracks.dubPartUrls':
        return this.signParts(this.openVideo(args.trackId), args.partNumbers as number[]);
      case 'audioTracks.completeDub':
        this.complete(this.video(args.trackId));
        return { trackId: String(args.trackId), status: 'processing' };
      case 'audioTracks.list':
        return this.dubs;
      case 'audioTracks.removeDub': {
        const index = this.dubs.findIndex((track) => track.id === args.trackId);
        if (index < 0) throw new FakeError('NOT_FOUND', 'The dub was not found.');
        this.dubs.splice(index, 1);
        return null;
      }
      case 'captions.transcript':
        return { text: '[00:00:01] Hello\n' };
      case 'captions.generate': {
        if (args.language !== 'en') throw new FakeError('BAD_REQUEST', `Automatic captions cannot be made in "${String(args.language)}": pocketsphinx (en-US) understands en only.`);
        const track = { id: randomUUID(), language: 'en', label: 'English (automatic)', kind: 'subtitles', origin: 'automatic', isDefault: false, cueCount: 0 };
        this.captionTracks.push(track);
        return track;
      }
      case 'webhooks.create': {
        const endpoint = {
          id: randomUUID(),
          url: String(args.url),
          description: String(args.description ?? ''),
          eventTypes: (args.eventTypes as string[] | undefined) ?? [],
          status: 'enabled' as const,
        };
        this.webhookEndpoints.push(endpoint);
        return { endpoint, secret: `whsec_${Buffer.from(endpoint.id).toString('base64')}` };
      }
      case 'webhooks.list':
        return { data: this.webhookEndpoints, nextCursor: null };
      case 'webhooks.delete': {
        const index = this.webhookEndpoints.findIndex((endpoint) => endpoint.id === args.endpointId);
        if (index < 0) throw new FakeError('NOT_FOUND', 'No such webhook endpoint in this workspace.');
        this.webhookEndpoints.splice(index, 1);
        return { deleted: true };
      }
      case 'webhooks.sendTest':
        if (!this.webhookEndpoints.some((endpoint) => endpoint.id === args.endpointId)) throw new FakeError('NOT_FOUND', 'No such webhook endpoint in this workspace.');
        return { id: 'delivery-1', eventId: 'evt-1', endpointId: args.endpointId, eventType: 'webhook.test', status: 'pending' };
      case 'videos.list': {
        const all = [...this.videos.values()].filter((video) => !args.status || video.status === args.status);
        // The cursor is the next index, as an opaque string: the CLI only hands back what it was given.
        const from = args.cursor === undefined ? 0 : Number(Buffer.from(String(args.cursor), 'base64url').toString('utf8'));
        const to = from + Number(args.limit ?? 50);
        return { data: all.slice(from, to).map((video) => this.view(video)), nextCursor: to < all.length ? Buffer.from(String(to)).toString('base64url') : null };
      }
      case 'clips.create':
        if (Number(args.endSeconds) <= Number(args.startSeconds)) throw new FakeError('BAD_REQUEST', 'The clip ends before it starts. Choose an end after the start.');
        return { id: 'clip-1', title: String(args.title ?? 'Film (clip)'), status: 'queued', clipOf: args.videoId };
      case 'downloads.setEnabled':
        return { videoId: args.videoId, enabled: args.enabled, status: args.enabled ? 'processing' : 'none', failureReason: null, files: [] };
      case 'availability.get':
        return this.availability ?? { videoId: args.videoId, publishAt: null, unpublishAt: null, countryRule: null, state: 'available' };
      case 'sales.store':
        return { status: 'charges-enabled', accountId: 'acct_fake', detailsSubmitted: true, feePercent: 5 };
      case 'sales.offers':
        return this.offers;
      case 'sales.createOffer': {
        const offer = {
          id: `offer-${this.offers.length + 1}`,
          kind: args.kind,
          name: args.name,
          amount: args.amount,
          currency: String(args.currency).toLowerCase(),
          interval: args.interval ?? null,
          trialDays: args.trialDays ?? 0,
          rental: args.rental ?? null,
          maxHeight: args.maxHeight ?? null,
          coversEverything: args.coversEverything ?? false,
          videoIds: args.videoIds ?? [],
          collectionIds: args.collectionIds ?? [],
          onStripe: true,
          createdAt: '2026-12-07T12:00:00.000Z',
        };
        this.offers.push(offer);
        return offer;
      }
      case 'sales.archiveOffer':
        return { archived: true };
      case 'sales.report':
        return {
          from: args.from,
          to: args.to,
          feePercent: 5,
          money: [
            { currency: 'usd', revenue: 1297, refunds: 399, platformFees: 65, estimatedPlatformFees: 0, net: 833 },
            { currency: 'eur', revenue: 900, refunds: 0, platformFees: 45, estimatedPlatformFees: 45, net: 855 },
          ],
          subscribers: { active: 2, trialing: 1, pastDue: 0, churned: 1 },
          titles: [{ videoId: 'video-1', title: 'Arrival', rentals: 3, purchases: 1 }],
        };
      case 'availability.set':
        if (args.countryRule && (args.countryRule as { countries: string[] }).countries.includes('UK'))
          throw new FakeError('BAD_REQUEST', '"UK" is not an ISO 3166-1 country code: use "GB" (United Kingdom).');
        this.availability = { videoId: args.videoId, publishAt: args.publishAt, unpublishAt: args.unpublishAt, countryRule: args.countryRule, state: args.publishAt ? 'scheduled' : 'available' };
        return this.availability;
      case 'downloads.links':
        return {
          videoId: args.videoId,
          expiresAt: '2026-11-21T12:10:00.000Z',
          files: [{ name: '720p', width: 1280, height: 720, bytes: 5_000_000, url: 'https://edge.example/t/x/v/y/downloads/720p.mp4?Policy=p', filename: 'Film (720p).mp4' }],
        };
    }
    throw new FakeError('NOT_FOUND', `No procedure ${path}`);
  }

  /** The last `days` days up to 2026-11-21, zeros where nothing was set. */
  private usageSummary(days: number) {
    const end = Date.parse('2026-11-22T00:00:00Z');
    const list = Array.from({ length: days }, (_, index) => {
      const day = new Date(end - (days - index) * 86_400_000).toISOString().slice(0, 10);
      return this.usage.days.find((entry) => entry.day === day) ?? { day, transcodeMinutes: 0, egressGB: 0, storageSourceGBHours: 0, storageRenditionGBHours: 0, plays: 0 };
    });
    const sum = (field: Exclude<keyof FakeUsage['days'][number], 'day'>) => list.reduce((total, entry) => total + entry[field], 0);
    return {
      from: new Date(end - days * 86_400_000).toISOString(),
      to: new Date(end).toISOString(),
      days: list,
      totals: {
        transcodeMinutes: sum('transcodeMinutes'),
        egressGB: sum('egressGB'),
        storageSourceGBHours: sum('storageSourceGBHours'),
        storageRenditionGBHours: sum('storageRenditionGBHours'),
        plays: sum('plays'),
      },
    };
  }

  private authenticate(authorization: string | undefined): Session {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    const session = token ? this.accessTokens.get(token) : undefined;
    if (!session || session.expiresAt <= this.now()) throw new FakeError('UNAUTHORIZED', 'Sign in again: your session is missing or has expired.');
    return session;
  }

  private refresh(refreshToken: string) {
    const stored = this.refreshTokens.get(refreshToken);
    if (!stored) throw new FakeError('UNAUTHORIZED', 'Sign in again: your session is missing or has expired.');
    if (stored.revoked) {
      for (const token of this.refreshTokens.values()) token.revoked = true;
      throw new FakeError('UNAUTHORIZED', 'This session was ended (its refresh token was used twice). Sign in again.');
    }
    stored.revoked = true;
    return this.issueSession();
  }

  private me() {
    if (this.tenant.status === 'provisioning') {
      this.tenant.polls += 1;
      if (this.tenant.polls > (this.options.provisioningPolls ?? 0)) this.tenant.status = this.options.provisioningFailure ? 'failed' : 'active';
    }
    const failureReason = this.tenant.status === 'failed' ? (this.options.provisioningFailure ?? null) : null;
    return {
      id: this.tenant.id,
      slug: this.tenant.slug,
      name: this.tenant.name,
      plan: { id: 'starter', name: 'Starter', maxUploadBytes: 1e9, maxDurationSeconds: 3600 },
      status: this.tenant.status,
      failureReason,
      allowedOrigins: [],
      createdAt: new Date(0).toISOString(),
    };
  }

  private createUpload(args: Record<string, unknown>) {
    const size = Number(args.size);
    const partSize = this.options.partSize ?? 64 * 1024;
    const partCount = Math.max(1, Math.ceil(size / partSize));
    const video = this.addVideo({
      id: randomUUID(),
      title: typeof args.title === 'string' && args.title ? args.title : String(args.filename).replace(/\.[^.]+$/, ''),
      accessMode: (args.accessMode as FakeVideo['accessMode'] | undefined) ?? 'public',
      status: 'uploading',
      progress: 0,
      sourceFilename: String(args.filename),
      sourceSize: size,
      durationSeconds: null,
      partSize,
      partCount,
    });
    return {
      videoId: video.id,
      partSize,
      partCount,
      ...this.signParts(
        video,
        Array.from({ length: partCount }, (_, index) => index + 1),
      ),
    };
  }

  signParts(video: FakeVideo, partNumbers: number[]) {
    const expiresAt = this.now() + 3600_000;
    const parts = partNumbers.map((partNumber) => ({ partNumber, url: `${this.url}/parts/${video.id}/${partNumber}?expires=${expiresAt}&sig=${randomUUID()}` }));
    return { parts, urlsExpireAt: new Date(expiresAt).toISOString() };
  }

  private complete(video: FakeVideo) {
    if (video.status !== 'uploading') return { videoId: video.id, status: 'queued' };
    for (let partNumber = 1; partNumber <= video.partCount; partNumber += 1) {
      const expected = partNumber < video.partCount ? video.partSize : video.sourceSize - video.partSize * (video.partCount - 1);
      if (video.parts.get(partNumber)?.length !== expected) throw new FakeError('BAD_REQUEST', `part ${partNumber} is missing or has the wrong size`);
    }
    video.status = 'queued';
    return { videoId: video.id, status: 'queued' };
  }

  /** Each read moves transcoding on one step: queued → processing 50% → ready (or failed). */
  private advance(video: FakeVideo): FakeVideo {
    if (video.status === 'queued') Object.assign(video, { status: 'processing', progress: 0.5 });
    else if (video.status === 'processing' && this.options.transcodeFailure) Object.assign(video, { status: 'failed', failureReason: this.options.transcodeFailure });
    else if (video.status === 'processing') Object.assign(video, { status: 'ready', progress: 1, durationSeconds: 60 });
    return video;
  }

  private authorize(args: Record<string, unknown>) {
    const video = this.video(args.videoId);
    if (video.status !== 'ready') throw new FakeError('PRECONDITION_FAILED', `This video is not ready yet (${video.status}). Try again shortly.`);
    const manifestUrl = `${this.url}/t/${this.tenant.id}/v/${video.id}/master.m3u8`;
    return { videoId: video.id, manifestUrl, signedManifestUrl: `${manifestUrl}?Policy=p&Signature=s&Key-Pair-Id=k`, expiresAt: new Date(this.now() + 600_000).toISOString() };
  }

  private view(video: FakeVideo) {
    const { parts: _parts, partSize: _partSize, partCount: _partCount, ...view } = video;
    return { ...view, description: '', width: null, height: null, createdAt: new Date(0).toISOString(), readyAt: null };
  }

  private video(videoId: unknown): FakeVideo {
    const video = this.videos.get(String(videoId));
    if (!video) throw new FakeError('NOT_FOUND', 'The video was not found.');
    return video;
  }

  private openVideo(videoId: unknown): FakeVideo {
    const video = this.video(videoId);
    if (video.status !== 'uploading') throw new FakeError('BAD_REQUEST', 'This upload is already complete.');
    return video;
  }

  private async putPart(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [, , videoId = '', number = ''] = url.pathname.split('/');
    const partNumber = Number(number);
    const attempt = this.partPuts.filter((put) => put.videoId === videoId && put.partNumber === partNumber).length + 1;
    this.partPuts.push({ videoId, partNumber, attempt, contentLength: request.headers['content-length'] });
    if (Number(url.searchParams.get('expires')) < this.now()) {
      return void response.writeHead(403).end('The upload URL has expired. Ask for new part URLs and resume the upload.');
    }
    const fault = this.options.partFault?.(partNumber, attempt);
    if (fault === 'reset') {
      // Take some of the body first, so the client is mid-transfer when the connection drops.
      await new Promise((resolve) => request.once('data', resolve));
      request.socket.destroy();
      return;
    }
    const body = await readBody(request);
    if (fault) return void response.writeHead(fault.status, { 'content-type': 'text/plain' }).end(fault.message);
    const video = this.videos.get(videoId);
    if (!video) return void response.writeHead(404).end('No such upload');
    video.parts.set(partNumber, body);
    response.writeHead(200, { etag: `"${partNumber}"` }).end('stored');
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const running: FakeControlPlane[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
});

/** A fake control plane closed after the test. */
export async function startFake(options: FakeOptions = {}): Promise<FakeControlPlane> {
  const fake = await FakeControlPlane.start(options);
  running.push(fake);
  return fake;
}
