// How well automatic captions hear English, stated honestly: espeak-ng speaks a known text of a few paragraphs (about
// a minute), the local speech to text (pocketsphinx, US English model) transcribes it from an MP4 as it would an
// upload, and the word error rate (word-level edit distance, case and punctuation ignored) compares the two. The
// reference is the spoken text itself (WER 0). Synthetic speech is clean: real speech with noise, music, accents or
// several speakers will be heard worse. Real-time factor: transcription time over the audio's length (2 shared cores).
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { PocketsphinxSpeechToText } from '@ott/control-plane/internals/pocketsphinx-speech-to-text';
import { makeSpokenClip, wordErrorRate } from '@ott/control-plane/test-support/speech-fixtures';
import { round, timed, type Benchmark } from '../benchmark.js';

const PARAGRAPHS = [
  'Good morning and welcome to the evening news. Today the city council met to discuss the new budget for schools and roads. The mayor said that the plan would create jobs and help families across the region.',
  'Many people came to the meeting to ask questions about taxes and public transport. Some of them were worried about the cost of the new bridge, while others wanted more buses in the morning and at night.',
  'In sports, the home team won the game by two points after a long and difficult match. The coach thanked the players and the fans for their support during the season.',
  'The weather will be cold and dry tomorrow, with clear skies in the north and some rain in the south later in the week. That is all for tonight. Thank you for watching, and have a good evening.',
];

/** espeak-ng voices: a Klatt-style variant (the headline: less robotic) and espeak-ng's default US English voice. */
const VOICES = [
  { voice: 'en-us+klatt2', wordsPerMinute: 150 },
  { voice: 'en-us', wordsPerMinute: 150 },
];

export const captionAccuracy: Benchmark = async (options) => {
  const dir = await mkdtemp(path.join(options.workDir, 'captions-'));
  const text = (options.quick ? PARAGRAPHS.slice(0, 1) : PARAGRAPHS).join(' ');
  try {
    const measured = [];
    for (const speech of options.quick ? VOICES.slice(0, 1) : VOICES) {
      const file = await makeSpokenClip(path.join(dir, `${speech.voice}.mp4`), text, speech);
      const engine = new PocketsphinxSpeechToText({ localFile: () => Promise.resolve(file) });
      const { seconds, value: cues } = await timed(() => engine.transcribe({ tenantId: 'bench', videoId: 'bench', sourceKey: 'bench', language: 'en' }));
      const audioSeconds = (cues.at(-1)?.endSeconds ?? 0) + 0.5;
      const wer = wordErrorRate(text, cues.map((cue) => cue.text).join(' '));
      options.log(`${speech.voice}: WER ${round(wer * 100, 1)} %, ${cues.length} cues, ${round(seconds, 1)} s for about ${round(audioSeconds, 0)} s of speech`);
      measured.push({ ...speech, wer, seconds, audioSeconds, engine: engine.engine });
    }
    const [headline, ...others] = measured;
    if (!headline) throw new Error('No voice was measured');
    const words = text.split(/\s+/).length;
    return {
      name: 'caption accuracy',
      ours: { label: `${headline.engine} WER on espeak-ng ${headline.voice} speech (${words} words)`, value: round(headline.wer * 100, 1), unit: '%' },
      reference: { label: 'the spoken text itself', value: 0, unit: '%' },
      ratio: round(1 - headline.wer),
      target: 'report (ratio: words heard right, 1 − WER); real speech with noise or music is heard worse',
      met: undefined,
      notes: [
        `real-time factor ${round(headline.seconds / headline.audioSeconds)} (${round(headline.seconds, 1)} s for ${round(headline.audioSeconds, 0)} s of speech)`,
        ...others.map((other) => `espeak-ng ${other.voice}: WER ${round(other.wer * 100, 1)} %, real-time factor ${round(other.seconds / other.audioSeconds)}`),
      ],
      command: 'npm run bench -- caption-accuracy',
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
