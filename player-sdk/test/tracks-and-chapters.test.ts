// What the viewer is offered among a stream's tracks and chapters: forced subtitles never listed but shown with
// captions off in the audio's language, automatic transcripts named as such in the player's language, remembered
// choices matched by language, chapters read from their WebVTT.
import { describe, expect, it } from 'vitest';
import type { StreamTrack } from '../src/engine/playback-engine.js';
import { en } from '../src/i18n/en.js';
import { fr } from '../src/i18n/fr.js';
import { audioTrackList, captionChoices, rememberedCaptions, textTrackToShow } from '../src/media/track-choices.js';
import { remember, remembered } from '../src/media/track-preferences.js';
import { parseChapters } from '../src/ui/chapters.js';

const text = (name: string, language: string, forced = false): StreamTrack => ({ name, language, forced });
const TRACKS = [text('English', 'en'), text('Français (forced)', 'fr', true), text('English (automatic)', 'en'), text('Français', 'fr-CA'), text('', '')];

describe('caption choices', () => {
  it('leave forced tracks out, name automatic ones in the player’s language, and number unnamed ones', () => {
    expect(captionChoices(TRACKS, en).map(({ track, streamIndex }) => [track.index, track.label, track.automatic, streamIndex])).toEqual([
      [0, 'English', false, 0],
      [1, 'English (automatic)', true, 2],
      [2, 'Français', false, 3],
      [3, 'Captions 4', false, 4],
    ]);
    expect(captionChoices(TRACKS, fr)[1]?.track.label).toBe('English (automatiques)');
  });

  it('show the chosen track, or with captions off the forced track of the audio’s language', () => {
    const choices = captionChoices(TRACKS, en);
    expect(textTrackToShow(choices, 2, TRACKS, 'en')).toBe(3);
    expect(textTrackToShow(choices, -1, TRACKS, 'fr')).toBe(1);
    expect(textTrackToShow(choices, -1, TRACKS, 'fr-FR')).toBe(1);
    expect(textTrackToShow(choices, -1, TRACKS, 'en')).toBe(-1);
    expect(textTrackToShow(choices, -1, TRACKS, undefined)).toBe(-1);
  });

  it('restore a remembered language (a person’s track before an automatic one) or "off"', () => {
    const choices = captionChoices(TRACKS, en);
    expect(rememberedCaptions(choices, 'en')).toBe(0);
    expect(rememberedCaptions(captionChoices([text('English (automatic)', 'en'), text('English', 'en-GB')], en), 'en')).toBe(1);
    expect(rememberedCaptions(choices, 'fr')).toBe(2);
    expect(rememberedCaptions(choices, 'off')).toBe(-1);
    expect(rememberedCaptions(choices, 'de')).toBeUndefined();
    expect(rememberedCaptions(choices, undefined)).toBeUndefined();
  });

  it('name audio tracks by name, else language, else number', () => {
    expect(audioTrackList([text('English', 'en'), text('', 'fr'), text('', '')], en).map((track) => track.label)).toEqual(['English', 'fr', 'Audio 3']);
  });
});

describe('remembered choices', () => {
  it('survive in storage, and are skipped where storage refuses', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) } as Storage;
    remember(storage, 'captions', 'off');
    expect(remembered(storage, 'captions')).toBe('off');
    expect(remembered(storage, 'audio')).toBeUndefined();
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as unknown as Storage;
    expect(() => remember(refusing, 'audio', 'fr')).not.toThrow();
    expect(remembered(refusing, 'audio')).toBeUndefined();
  });
});

describe('chapters', () => {
  it('read titles and times from the chapters WebVTT, in time order', () => {
    const vtt = ['WEBVTT', '', '2', '00:01:00.000 --> 00:02:30.500', 'The middle', 'part', '', '1', '00:00:00.000 --> 00:01:00.000', 'Opening', '', 'NOTE no cue here', ''].join('\n');
    expect(parseChapters(vtt)).toEqual([
      { index: 0, start: 0, end: 60, title: 'Opening' },
      { index: 1, start: 60, end: 150.5, title: 'The middle part' },
    ]);
    expect(parseChapters('not a vtt')).toEqual([]);
  });
});
