// Transcoder on MediaConvert. transcode() keeps the port's shape without moving the film through the worker: probe a
// sparse copy of the original's head, tail and index (source-probe-copy.ts), so unplayable and hostile files get the
// same refusals as in the local shape and the ladder never upscales; submit one job (idempotent request token, checked
// against MediaConvert's documented rules first, prioritised so that no tenant's bulk upload starves the others); wait
// for its state in `mediaconvert_jobs`, which the event pump fills from the EventBridge → SQS events, reporting
// progress; on COMPLETE copy the segments inside S3 into the video's package and leave only its small files (playlists,
// init segments, stills, storyboard) in the output folder. A killed worker's retry finds the same job by its token.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isPlanId } from '../../../domain/billing/plans.js';
import { UnplayableMediaError } from '../../../domain/videos/unplayable-media-error.js';
import type { AudioRenditionInput, AudioRenditionOutput, DownloadOutput, DownloadsInput, SourceInfo, TranscodeInput, TranscodeOutput, Transcoder } from '../../../ports.js';
import { encodeAudioRendition } from '../../../media/encode-audio-rendition.js';
import { planLadder } from '../../../media/plan-ladder.js';
import { probeMedia } from '../../../media/probe-media.js';
import type { StagedOutputs } from './collect-outputs.js';
import { writeProbeCopy, type RangedObject } from './source-probe-copy.js';
import type { AwsDb } from '../aws-tables.js';
import { collectDownloads, collectOutputs } from './collect-outputs.js';
import { buildCreateJobRequest, buildDownloadsJobRequest, type JobRequestInput } from './create-job-request.js';
import type { ClipRange } from './input-clipping.js';
import { sourceTracksOf } from './source-tracks.js';
import { blamesTheSource, isTerminal, TERMINAL_STATUSES, type JobState } from './job-events.js';
import { jobPriority } from './job-priority.js';
import { reencodePosterImage } from '../../../media/poster-image.js';
import { recordJobState } from './job-event-pump.js';
import { sourceFileInput, sourceObject } from './source-file-input.js';
import { assertValidJobSettings } from './validate-job-settings.js';

/** MediaConvert as the transcoder needs it (the SDK client behind it in production, a fake in tests). */
export interface MediaConvertJobs {
  /** Jobs run in the tenant's cell (its account and region), hence the tenant on every call. */
  createJob(tenantId: string, request: ReturnType<typeof buildCreateJobRequest>): Promise<{ jobId: string }>;
  cancelJob(tenantId: string, jobId: string): Promise<void>;
  /** The job's state straight from MediaConvert: used when no event arrived for a long time. */
  getJob(tenantId: string, jobId: string): Promise<JobState | undefined>;
}

export interface MediaConvertTranscoderOptions {
  db: AwsDb;
  jobs: MediaConvertJobs;
  /** The tenant's media bucket: the job reads the original there, never a path or URL from elsewhere. */
  bucket(tenantId: string): Promise<string>;
  /** The tenant's MediaConvert role and its cell's shared queue. */
  target(tenantId: string): Promise<{ roleArn: string; queueArn: string }>;
  /** The original by byte ranges, and a finished job's outputs under its staging prefix (s3-staging.ts). */
  staging: { source(tenantId: string, key: string): Promise<RangedObject>; staged(tenantId: string, stagingPrefix: string, packagePrefix: string): StagedOutputs };
  pump: { ensureStarted(): void };
  deployment: string;
  ffprobePath: string;
  ffmpegPath: string;
  pollMs?: number;
  /** With no event for this long, ask MediaConvert directly (a lost event must not hang a video). */
  reconcileMs?: number;
}

export class MediaConvertTranscoder implements Transcoder {
  /** MediaConvert reads the original in S3; the worker fetches only what the probe needs. */
  readonly readsStoredSource = true;

  constructor(private readonly options: MediaConvertTranscoderOptions) {}

  /** A still is no job for MediaConvert: the worker's ffmpeg re-encodes it, as it does the storyboard. */
  encodePoster(image: Buffer): Promise<Buffer> {
    return reencodePosterImage(this.options.ffmpegPath, image);
  }

  /**
   * A dub is audio only: the worker's ffmpeg encodes it in seconds, to the numbers MediaConvert's audio renditions use
   * (AAC-LC stereo 48 kHz, the same loudness target: audio-settings.ts), where a job would bill MediaConvert's minimum.
   */
  encodeAudioRendition(input: AudioRenditionInput): Promise<AudioRenditionOutput> {
    return encodeAudioRendition({ ffmpegPath: this.options.ffmpegPath, ffprobePath: this.options.ffprobePath }, input);
  }

  /**
   * The downloads of a ready video: a job with only the FILE group, from the stored original (and the clip that made the
   * video). The port hands them back as files in `outputDir` (the make-downloads job stores them with their
   * Content-Disposition), so unlike the package's segments they are fetched through the worker.
   */
  async makeDownloads(input: DownloadsInput): Promise<DownloadOutput[]> {
    const source = sourceObject(input.sourceKey);
    const probeDir = await mkdtemp(path.join(tmpdir(), 'ott-mediaconvert-downloads-'));
    try {
      // The video was accepted when it was made: only its shape is needed now, not the duration limit.
      const job = await this.prepare(
        source,
        path.join(probeDir, 'source'),
        { maxDurationSeconds: Number.POSITIVE_INFINITY },
        { purpose: 'downloads', clip: input.clip, downloads: true },
        input.signal,
      );
      const request = buildDownloadsJobRequest(job.request);
      await this.submitAndWait(source.tenantId, request, job.request.requestToken, { signal: input.signal });
      const staged = this.options.staging.staged(source.tenantId, job.stagingPrefix, input.packagePrefix);
      const downloads = await collectDownloads(await staged.list(), job.request.plan, (stagedPath, target) => staged.fetch(stagedPath, path.join(input.outputDir, target)));
      await staged.remove().catch(() => {});
      return downloads;
    } finally {
      await rm(probeDir, { recursive: true, force: true });
    }
  }

  async transcode(input: TranscodeInput): Promise<TranscodeOutput> {
    const { options } = this;
    options.pump.ensureStarted();
    const source = sourceObject(input.sourceKey);
    if (input.packagePrefix === undefined) throw new Error('MediaConvert publishes segments itself: the transcode must name the package prefix');
    const job = await this.prepare(source, input.sourcePath, input.limits, { purpose: 'package', clip: input.clip, downloads: input.downloads }, input.signal);
    const jobId = await this.submitAndWait(source.tenantId, buildCreateJobRequest(job.request), job.request.requestToken, input);

    const workDir = await mkdtemp(path.join(tmpdir(), `ott-mediaconvert-${jobId}-`));
    const staged = options.staging.staged(source.tenantId, job.stagingPrefix, input.packagePrefix);
    try {
      const output = await collectOutputs({
        staged,
        workDir,
        outputDir: input.outputDir,
        plan: job.request.plan,
        source: job.source,
        tracks: job.request.tracks,
        downloads: input.downloads === true,
        ffmpegPath: options.ffmpegPath,
      });
      input.onProgress?.(1);
      await staged.remove().catch(() => {});
      return output;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  /**
   * Probes the original's sparse copy at `probePath` (same refusals as the local shape) and describes the job: the
   * ladder, the tracks to select, the clip, an idempotent request token and the staging prefix it names.
   */
  private async prepare(
    source: { tenantId: string; key: string },
    probePath: string,
    limits: { maxDurationSeconds: number },
    asked: { purpose: 'package' | 'downloads'; clip?: ClipRange | undefined; downloads?: boolean | undefined },
    signal: AbortSignal | undefined,
  ): Promise<{ request: JobRequestInput; stagingPrefix: string; source: SourceInfo }> {
    const { options } = this;
    await writeProbeCopy(await options.staging.source(source.tenantId, source.key), probePath);
    const probed = await probeMedia(options.ffprobePath, probePath, limits, signal);
    const clip = asked.clip;
    if (clip && !(clip.startSeconds >= 0 && clip.endSeconds > clip.startSeconds && clip.endSeconds <= probed.source.durationSeconds + 0.001)) {
      throw new RangeError(`The clip ${clip.startSeconds} s to ${clip.endSeconds} s is not inside the ${probed.source.durationSeconds} s source`);
    }
    const plan = planLadder(probed.source);
    const tracks = sourceTracksOf(probed.report);
    const bucket = await options.bucket(source.tenantId);
    const requestBase = createHash('sha256')
      .update(JSON.stringify([asked.purpose, bucket, source.key, plan, tracks, clip ?? null, asked.downloads === true]))
      .digest('hex')
      .slice(0, 24);
    const requestToken = await this.freshToken(requestBase);
    const stagingPrefix = `staging/${requestToken}/`;
    const { roleArn, queueArn } = await options.target(source.tenantId);
    const durationSeconds = clip ? clip.endSeconds - clip.startSeconds : probed.source.durationSeconds;
    const request: JobRequestInput = {
      sourceUri: sourceFileInput(bucket, source),
      stagingUri: `s3://${bucket}/${stagingPrefix}`,
      plan,
      tracks,
      durationSeconds,
      source: probed.source,
      ...(clip ? { clip } : {}),
      ...(asked.downloads ? { downloads: true } : {}),
      roleArn,
      queueArn,
      tenantId: source.tenantId,
      deployment: options.deployment,
      requestToken,
      priority: await this.priorityFor(source.tenantId, requestToken),
      metadata: { 'ott-source': source.key },
    };
    return { request, stagingPrefix, source: { ...probed.source, durationSeconds } };
  }

  /** Submits a job (checked against MediaConvert's documented rules first) and waits until it has COMPLETEd; returns its id. */
  private async submitAndWait(
    tenantId: string,
    createJob: ReturnType<typeof buildCreateJobRequest>,
    requestToken: string,
    progress: { signal?: AbortSignal | undefined; onProgress?: ((fraction: number) => void) | undefined },
  ): Promise<string> {
    const { options } = this;
    options.pump.ensureStarted();
    // A job MediaConvert would reject is our bug, not the upload's: fail here with every broken rule named.
    assertValidJobSettings(createJob);
    const { jobId } = await options.jobs.createJob(tenantId, createJob);
    await options.db
      .insertInto('mediaconvert_jobs')
      .values({ job_id: jobId, tenant_id: tenantId, request_token: requestToken, status: 'SUBMITTED' })
      .onConflict((oc) => oc.column('job_id').doUpdateSet({ tenant_id: tenantId, request_token: requestToken }))
      .execute();

    const finished = await this.waitFor(tenantId, jobId, progress);
    if (finished.status === 'ERROR') {
      const reason = finished.errorMessage;
      if (blamesTheSource(finished.errorCode)) throw new UnplayableMediaError('not-media', `The video could not be decoded (${reason}). Export it again as MP4 (H.264) and upload it.`);
      throw new Error(`MediaConvert job ${jobId} failed (${finished.errorCode ?? 'no code'}): ${reason}`);
    }
    if (finished.status === 'CANCELED') throw new Error(`MediaConvert job ${jobId} was canceled`);
    return jobId;
  }

  /** The tenant's plan, lowered by the jobs it already has in MediaConvert (a retry does not count its own earlier submit). */
  private async priorityFor(tenantId: string, requestToken: string): Promise<number> {
    const { db } = this.options;
    const tenant = await db.selectFrom('tenants').select('plan').where('id', '=', tenantId).executeTakeFirst();
    const inFlight = await db
      .selectFrom('mediaconvert_jobs')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('status', 'not in', TERMINAL_STATUSES)
      .where('request_token', '!=', requestToken)
      .executeTakeFirstOrThrow();
    return jobPriority(tenant && isPlanId(tenant.plan) ? tenant.plan : 'free', Number(inFlight.count));
  }

  /** The token of the last attempt unless that attempt failed for good: then a new one (a new, paid job). */
  private async freshToken(base: string): Promise<string> {
    const rows = await this.options.db.selectFrom('mediaconvert_jobs').select(['request_token', 'status']).where('request_token', 'like', `${base}-%`).execute();
    const failed = new Set(rows.filter((row) => row.status === 'ERROR' || row.status === 'CANCELED').map((row) => row.request_token));
    let attempt = 1;
    while (failed.has(`${base}-${attempt}`)) attempt += 1;
    return `${base}-${attempt}`;
  }

  private async waitFor(
    tenantId: string,
    jobId: string,
    input: { signal?: AbortSignal | undefined; onProgress?: ((fraction: number) => void) | undefined },
  ): Promise<Extract<JobState, { status: 'COMPLETE' | 'ERROR' | 'CANCELED' }>> {
    const pollMs = this.options.pollMs ?? 2_000;
    const reconcileMs = this.options.reconcileMs ?? 5 * 60_000;
    let lastChange = Date.now();
    let lastSeen = '';
    for (;;) {
      if (input.signal?.aborted) {
        await this.options.jobs.cancelJob(tenantId, jobId).catch(() => {});
        throw input.signal.reason instanceof Error ? input.signal.reason : new Error('The transcode was aborted');
      }
      const row = await this.options.db.selectFrom('mediaconvert_jobs').select(['status', 'progress', 'detail']).where('job_id', '=', jobId).executeTakeFirst();
      if (row) {
        const seen = `${row.status}:${row.progress}`;
        if (seen !== lastSeen) {
          lastSeen = seen;
          lastChange = Date.now();
          // The last few percent are ours: fetching outputs and building the storyboard.
          input.onProgress?.(row.progress * 0.9);
        }
        if (isTerminal(row.status)) return terminalState(jobId, row.status, row.detail);
      }
      if (Date.now() - lastChange > reconcileMs) {
        const state = await this.options.jobs.getJob(tenantId, jobId);
        if (state) await recordJobState(this.options.db, state);
        lastChange = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

function terminalState(jobId: string, status: string, detail: unknown): Extract<JobState, { status: 'COMPLETE' | 'ERROR' | 'CANCELED' }> {
  if (status === 'COMPLETE') return { jobId, status: 'COMPLETE', progress: 1, detail: detail as Extract<JobState, { status: 'COMPLETE' }>['detail'] };
  if (status === 'ERROR') {
    const error = (detail ?? {}) as { errorCode?: number | null; errorMessage?: string };
    return { jobId, status: 'ERROR', progress: 0, errorCode: error.errorCode ?? null, errorMessage: error.errorMessage ?? 'no message' };
  }
  return { jobId, status: 'CANCELED', progress: 0 };
}
