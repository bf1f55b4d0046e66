// Automatic captions end to end (PostgreSQL, fs store, ffmpeg, pocketsphinx): a tenant that turned them on gets an
// automatic English track after each upload is ready, shown as processing while speech to text runs and the video
// plays meanwhile, then ready and in the master playlist; asking again replaces that track, and so does replacing the
// video's source; a video without sound
// leaves a failed track that says why; languages the engine does not know are refused naming the one it knows.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CaptionCue } from '@ott/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpeechToText } from '../../src/ports.js';
import { makeClip } from '../support/media-fixtures.js';
import { makeSpokenClip } from '../support/speech-fixtures.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { putPart, readPart, uploadFile } from '../support/upload-file.js';
import { waitFor } from '../support/wait-for.js';

/** The real engine, held at the start of each transcription until the test lets it go. */
class HeldSpeechToText implements SpeechToText {
  readonly engine: string;
  readonly languages: readonly string[];
  private gate = Promise.resolve();
  private open: () => void = () => {};
  started = 0;

  constructor(private readonly inner: SpeechToText) {
    this.engine = inner.engine;
    this.languages = inner.languages;
  }

  hold(): () => void {
    this.gate = new Promise((resolve) => (this.open = resolve));
    return () => this.open();
  }

  async transcribe(input: Parameters<SpeechToText['transcribe']>[0]): Promise<CaptionCue[]> {
    this.started += 1;
    await this.gate;
    return this.inner.transcribe(input);
  }
}

type Tenant = Awaited<ReturnType<typeof signUpActiveTenant>>;

let platform: TestPlatform;
let engine: HeldSpeechToText;
let tenant: Tenant;

const automaticTrack = async (videoId: string) => (await tenant.admin.captions.list({ videoId })).filter((track) => track.origin === 'automatic');
const readyVideo = (videoId: string) => waitFor(async () => ((await tenant.admin.videos.get({ videoId })).status === 'ready' ? true : undefined), { what: 'the video to be ready', timeoutMs: 90_000 });

beforeAll(async () => {
  platform = await startTestPlatform();
  const real = platform.app.deps.speechToText;
  if (!real) throw new Error('The local shape has speech to text');
  engine = new HeldSpeechToText(real);
  await platform.startWorker({ speechToText: engine });
  tenant = await signUpActiveTenant(platform, 'newsroom');
});
afterAll(() => platform?.close());

describe('automatic captions', () => {
  it('is a tenant setting, off by default, that takes only a language the engine knows', async () => {
    expect((await tenant.admin.tenants.me()).automaticCaptionsLanguage).toBeNull();
    await expect(tenant.admin.tenants.update({ automaticCaptionsLanguage: 'fr' })).rejects.toThrow('Automatic captions cannot be made in "fr": pocketsphinx (en-US) understands en only.');
    expect((await tenant.admin.tenants.update({ automaticCaptionsLanguage: 'en' })).automaticCaptionsLanguage).toBe('en');
  });

  let videoId: string;
  it('captions a new upload after it is ready, the video playing while speech to text runs', async () => {
    const release = engine.hold();
    const spoken = await makeSpokenClip(
      path.join(platform.dataDir, 'news.mp4'),
      'Good morning and welcome to the evening news. Today the city council met to discuss the new budget for schools and roads.',
      {
        voice: 'en-us+klatt2',
        wordsPerMinute: 150,
      },
    );
    videoId = await uploadFile(tenant.admin, spoken, { title: 'Evening news', accessMode: 'public' });
    await readyVideo(videoId);
    await waitFor(async () => (engine.started > 0 ? true : undefined), { what: 'speech to text to start' });
    const [processing] = await automaticTrack(videoId);
    expect(processing).toMatchObject({ origin: 'automatic', language: 'en', label: 'English (automatic)', status: 'processing', cueCount: 0 });
    expect((await tenant.admin.videos.get({ videoId })).status).toBe('ready');
    const grant = await platform.caller().playback.authorize({ videoId });
    expect((await fetch(grant.signedManifestUrl)).status).toBe(200);

    release();
    const ready = await waitFor(async () => (await automaticTrack(videoId)).find((track) => track.status === 'ready'), { what: 'the automatic track', timeoutMs: 120_000 });
    expect(ready.id).toBe(processing?.id);
    expect(ready.cueCount).toBeGreaterThan(0);
    const { cues } = await tenant.admin.captions.cues({ videoId, trackId: ready.id });
    expect(cues.map((cue) => cue.text).join(' ')).toContain('city council');
    // The track is saved ready a moment before the master naming it is rewritten.
    const signedMaster = (await platform.caller().playback.authorize({ videoId })).signedManifestUrl;
    const master = await waitFor(
      async () => {
        const text = await (await fetch(signedMaster)).text();
        return text.includes('TYPE=SUBTITLES') ? text : undefined;
      },
      { what: 'the master to name the automatic track' },
    );
    expect(master).toContain('NAME="English (automatic)"');
  });

  it('replaces the automatic track when asked again, keeping one', async () => {
    const [before] = await automaticTrack(videoId);
    const again = await tenant.admin.captions.generate({ videoId, language: 'en' });
    expect(again).toMatchObject({ id: before?.id, status: 'processing' });
    await waitFor(async () => ((await automaticTrack(videoId))[0]?.status === 'ready' ? true : undefined), { what: 'the track made again', timeoutMs: 120_000 });
    expect(await automaticTrack(videoId)).toHaveLength(1);
  });

  it('makes the automatic track again from a replaced source’s sound', async () => {
    const silent = await makeClip(path.join(platform.dataDir, 'replacement.mp4'), { seconds: 2, width: 160, height: 120, audio: false });
    const ticket = await tenant.admin.videos.createReplacementUpload({ videoId, filename: 'replacement.mp4', size: (await stat(silent)).size });
    for (const part of ticket.parts) expect((await putPart(part.url, await readPart(silent, ticket.partSize, part.partNumber))).ok).toBe(true);
    await tenant.admin.videos.completeReplacementUpload({ videoId });
    const renewed = await waitFor(async () => (await automaticTrack(videoId)).find((track) => track.status === 'failed'), { what: 'the track made from the new sound', timeoutMs: 120_000 });
    expect(renewed.failureReason).toBe('This video has no sound, so there is nothing to caption.');
    expect(await automaticTrack(videoId)).toHaveLength(1);
  });

  it('refuses a language the engine does not know, saying which it knows', async () => {
    await expect(tenant.admin.captions.generate({ videoId, language: 'de' })).rejects.toThrow('Automatic captions cannot be made in "de": pocketsphinx (en-US) understands en only.');
  });

  it('leaves a failed track with the reason when the video has no sound, the video still ready', async () => {
    const silent = await makeClip(path.join(platform.dataDir, 'silent.mp4'), { seconds: 2, width: 320, height: 240, audio: false });
    const silentId = await uploadFile(tenant.admin, silent, { title: 'Silent' });
    await readyVideo(silentId);
    const failed = await waitFor(async () => (await automaticTrack(silentId)).find((track) => track.status === 'failed'), { what: 'the failed track', timeoutMs: 60_000 });
    expect(failed.failureReason).toBe('This video has no sound, so there is nothing to caption.');
    expect((await tenant.admin.videos.get({ videoId: silentId })).status).toBe('ready');
  });
});
