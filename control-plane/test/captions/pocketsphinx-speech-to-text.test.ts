// The local speech to text hears English speech made with espeak-ng inside an MP4, as an upload would carry it: the
// key words come through, every cue lies inside the audio and reads as at most two short lines, and a video without
// sound or a language the engine does not know is refused with the reason.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PocketsphinxSpeechToText } from '../../src/adapters/local/pocketsphinx-speech-to-text.js';
import { CUE_LIMITS } from '../../src/media/caption-cue-grouper.js';
import { makeClip } from '../support/media-fixtures.js';
import { makeSpokenClip, wordErrorRate } from '../support/speech-fixtures.js';

const SPOKEN = 'Good morning and welcome to the evening news. Today the city council met to discuss the new budget for schools and roads.';

let dir: string;
let spoken: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ott-speech-'));
  spoken = await makeSpokenClip(path.join(dir, 'news.mp4'), SPOKEN, { voice: 'en-us+klatt2', wordsPerMinute: 150 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const engineFor = (file: string) => new PocketsphinxSpeechToText({ localFile: () => Promise.resolve(file) });
const request = { tenantId: 'tenant', videoId: 'video', sourceKey: 'sources/tenant/video', language: 'en' };

describe('pocketsphinx speech to text', () => {
  it('hears the key words of English speech, in cues inside the audio that fit two lines', async () => {
    const cues = await engineFor(spoken).transcribe(request);
    const heard = cues.map((cue) => cue.text).join(' ');
    expect(heard).toContain('welcome');
    expect(heard).toContain('city council');
    expect(wordErrorRate(SPOKEN, heard)).toBeLessThan(0.5);
    // The speech starts after half a second of silence and the file lasts about nine seconds.
    expect(cues[0]?.startSeconds).toBeGreaterThanOrEqual(0.3);
    for (const [i, cue] of cues.entries()) {
      expect(cue.endSeconds).toBeGreaterThan(cue.startSeconds);
      expect(cue.endSeconds).toBeLessThan(10);
      expect(cue.endSeconds - cue.startSeconds).toBeLessThanOrEqual(CUE_LIMITS.maxSeconds);
      if (i > 0) expect(cue.startSeconds).toBeGreaterThanOrEqual(cues[i - 1]?.endSeconds ?? 0);
      const lines = cue.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(CUE_LIMITS.lines);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(CUE_LIMITS.lineCharacters);
    }
  });

  it('refuses a video without sound, and a language it cannot transcribe, saying which it can', async () => {
    const silent = await makeClip(path.join(dir, 'silent.mp4'), { seconds: 1, width: 160, height: 120, audio: false });
    await expect(engineFor(silent).transcribe(request)).rejects.toThrow('This video has no sound, so there is nothing to caption.');
    await expect(engineFor(spoken).transcribe({ ...request, language: 'fr' })).rejects.toThrow('pocketsphinx (en-US) transcribes en only, not "fr".');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const transcribing = engineFor(spoken).transcribe({ ...request, signal: controller.signal });
    controller.abort();
    await expect(transcribing).rejects.toMatchObject({ name: 'AbortError' });
  });
});
