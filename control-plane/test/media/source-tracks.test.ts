import { describe, expect, it } from 'vitest';
import type { ProbeStream } from '../../src/media/ffprobe-report.js';
import { languageTagFromStream } from '../../src/media/language-tags.js';
import { describeSourceTracks } from '../../src/media/source-tracks.js';

const video: ProbeStream = { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080 };
const audio = (index: number, extra: Partial<ProbeStream> = {}): ProbeStream => ({ index, codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000', ...extra });
const subtitle = (index: number, codec: string, extra: Partial<ProbeStream> = {}): ProbeStream => ({ index, codec_type: 'subtitle', codec_name: codec, ...extra });

describe('languageTagFromStream', () => {
  it('maps ISO 639-2 codes (both forms) to BCP 47 and keeps what already is', () => {
    expect(['eng', 'fre', 'fra', 'ger', 'deu', 'spa', 'jpn', 'chi', 'pt-BR', 'fr', 'EN_us'].map(languageTagFromStream)).toEqual([
      'en',
      'fr',
      'fr',
      'de',
      'de',
      'es',
      'ja',
      'zh',
      'pt-BR',
      'fr',
      'en-US',
    ]);
  });

  it('says und when the source says nothing usable', () => {
    expect([undefined, '', ' ', 'und', 'not a language!'].map(languageTagFromStream)).toEqual(['und', 'und', 'und', 'und', 'und']);
  });
});

describe('describeSourceTracks', () => {
  it('names audio tracks by title, then language, then position; the default disposition wins, else the first', () => {
    const tracks = describeSourceTracks([
      video,
      audio(1, { tags: { language: 'eng' } }),
      audio(2, { tags: { language: 'fre', title: 'Français (VF)' }, disposition: { default: 1 } }),
      audio(3, { channels: 6 }),
    ]);
    expect(tracks.audio.map(({ streamIndex, language, name, isDefault }) => ({ streamIndex, language, name, isDefault }))).toEqual([
      { streamIndex: 1, language: 'en', name: 'English', isDefault: false },
      { streamIndex: 2, language: 'fr', name: 'Français (VF)', isDefault: true },
      { streamIndex: 3, language: 'und', name: 'Audio 3', isDefault: false },
    ]);
    expect(describeSourceTracks([video, audio(1), audio(2)]).audio.map((track) => track.isDefault)).toEqual([true, false]);
  });

  it('leaves out an audio track ffmpeg cannot decode, and says so', () => {
    const tracks = describeSourceTracks([video, audio(1, { tags: { language: 'eng' } }), { index: 2, codec_type: 'audio', tags: { language: 'ger' } }]);
    expect(tracks.audio.map((track) => track.streamIndex)).toEqual([1]);
    expect(tracks.notes).toEqual([{ code: 'audio-not-converted', message: expect.stringMatching(/^The German audio track \(stream 2\) is in a format we cannot decode/) }]);
  });

  it('keeps the first audio track when none is readable, so the encoder refuses the file as before', () => {
    expect(describeSourceTracks([video, { index: 1, codec_type: 'audio' }]).audio.map((track) => track.streamIndex)).toEqual([1]);
  });

  it('converts text subtitles, marks SDH and hearing-impaired tracks as captions, and reports picture subtitles', () => {
    const tracks = describeSourceTracks([
      video,
      subtitle(1, 'subrip', { tags: { language: 'eng' }, disposition: { default: 1 } }),
      subtitle(2, 'ass', { tags: { language: 'eng', title: 'English SDH' } }),
      subtitle(3, 'mov_text', { tags: { language: 'spa' }, disposition: { forced: 1, hearing_impaired: 0 } }),
      subtitle(4, 'webvtt', { disposition: { hearing_impaired: 1 } }),
      subtitle(5, 'hdmv_pgs_subtitle', { tags: { language: 'fre' } }),
      subtitle(6, 'dvd_subtitle'),
    ]);
    expect(tracks.subtitles.map(({ streamIndex, language, label, kind, isDefault, forced }) => ({ streamIndex, language, label, kind, isDefault, forced }))).toEqual([
      { streamIndex: 1, language: 'en', label: 'English', kind: 'subtitles', isDefault: true, forced: false },
      { streamIndex: 2, language: 'en', label: 'English SDH', kind: 'captions', isDefault: false, forced: false },
      { streamIndex: 3, language: 'es', label: 'Spanish', kind: 'subtitles', isDefault: false, forced: true },
      { streamIndex: 4, language: 'und', label: 'Subtitles 4', kind: 'captions', isDefault: false, forced: false },
    ]);
    expect(tracks.notes.map((note) => note.code)).toEqual(['subtitles-not-converted', 'subtitles-not-converted']);
    expect(tracks.notes[0]?.message).toMatch(/^The French subtitle track \(stream 5\) is made of pictures .*\(hdmv_pgs_subtitle\).*Upload it as a WebVTT or SRT file/);
    expect(tracks.notes[1]?.message).toMatch(/^The subtitle track \(stream 6\)/);
  });

  it('carries at most the tracks a video can hold, and says which were left out', () => {
    const many = Array.from({ length: 18 }, (_, i) => audio(i + 1));
    const tracks = describeSourceTracks([video, ...many]);
    expect(tracks.audio).toHaveLength(16);
    expect(tracks.notes.map((note) => note.message)).toEqual([expect.stringMatching(/stream 17\) is beyond the 16 audio tracks/), expect.stringMatching(/stream 18\) is beyond/)]);
  });
});
