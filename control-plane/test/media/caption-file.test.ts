import { MEDIA_TRACK_LIMITS } from '@ott/contracts';
import { describe, expect, it } from 'vitest';
import { CaptionFileError, normaliseCues, parseCaptionFile, plainText, serialiseWebVtt } from '../../src/media/caption-file.js';

const refusal = (content: string, format?: 'vtt' | 'srt') => {
  try {
    parseCaptionFile(content, format);
  } catch (error) {
    if (error instanceof CaptionFileError) return error.message;
    throw error;
  }
  throw new Error('the file was accepted');
};

describe('parseCaptionFile', () => {
  it('reads an SRT file with a byte order mark, CRLF lines, comma millis and styling tags', () => {
    const srt = '\uFEFF1\r\n00:00:01,000 --> 00:00:04,500\r\n<i>Hello</i> & <font color="red">welcome</font>\r\n\r\n2\r\n00:01:02,5 --> 00:01:05,000\r\n{\\an8}Top line\r\nsecond line\r\n';
    expect(parseCaptionFile(srt)).toEqual([
      { startSeconds: 1, endSeconds: 4.5, text: '<i>Hello</i> &amp; welcome' },
      { startSeconds: 62.5, endSeconds: 65, text: 'Top line\nsecond line' },
    ]);
  });

  it('reads WebVTT with identifiers, cue settings, NOTE and STYLE blocks and short timestamps', () => {
    const vtt = [
      'WEBVTT - a film',
      'Kind: captions',
      '',
      'NOTE written by hand',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'intro',
      '00:05.250 --> 00:07.000 line:10% align:start',
      '<v Anna>Hi &amp; bye</v>',
      '',
      '01:00:00.000 --> 01:00:02.000',
      'late',
    ].join('\n');
    expect(parseCaptionFile(vtt)).toEqual([
      { startSeconds: 5.25, endSeconds: 7, text: '<v Anna>Hi &amp; bye</v>' },
      { startSeconds: 3600, endSeconds: 3602, text: 'late' },
    ]);
  });

  it('puts cues in time order and round-trips through canonical WebVTT', () => {
    const srt = '1\n00:00:10,000 --> 00:00:11,000\nsecond\n\n2\n00:00:01,000 --> 00:00:02,000\nfirst\n';
    const cues = parseCaptionFile(srt);
    expect(cues.map((cue) => cue.text)).toEqual(['first', 'second']);
    const vtt = serialiseWebVtt(cues);
    expect(vtt).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfirst\n\n00:00:10.000 --> 00:00:11.000\nsecond\n');
    expect(parseCaptionFile(vtt)).toEqual(cues);
  });

  it('names the line where the timing is broken', () => {
    const srt = ['1', '00:00:01,000 --> 00:00:02,000', 'ok', '', '2', '00:01:05,000 --> 00:01:02,000', 'backwards'].join('\n');
    expect(refusal(srt)).toBe('line 6: the end time 00:01:02,000 is before the start 00:01:05,000.');
    expect(refusal('WEBVTT\n\n00:00:01.000 --> 00:00:01.000\nzero')).toBe('line 3: the end time 00:00:01.000 is the same as the start; a cue must last.');
    expect(refusal('WEBVTT\n\n00:00:01.000 --> 00:00:xx.000\nbad')).toBe('line 3: "00:00:xx.000" is not a time; write it like 00:01:02.500.');
    expect(refusal('WEBVTT\n\njust text\nmore text\n')).toMatch(/^line 3: expected a cue timing line/);
    expect(refusal('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\none\n00:00:03.000 --> 00:00:04.000\ntwo')).toBe("line 5: a timing line inside a cue's text. Is a blank line missing before it?");
    expect(refusal('1\n00:00:01,000 --> 00:00:02,000\nfine\n\nhello\n00:00:03,000 --> 00:00:04,000\nx')).toMatch(/^line 5: expected a cue number, found "hello"/);
  });

  it('refuses what is not a caption file, an empty one, and a WebVTT claim without the header', () => {
    expect(refusal('{"captions": []}')).toMatch(/^This is not a WebVTT or SRT file/);
    expect(refusal('WEBVTT\n\nNOTE nothing here\n')).toBe('The caption file has no cues: nothing would be shown.');
    expect(refusal('1\n00:00:01,000 --> 00:00:02,000\nhi\n', 'vtt')).toBe('line 1: a WebVTT file must start with "WEBVTT". Is it an SRT file?');
  });

  it('refuses enormous files before reading them, and too many cues or characters', () => {
    expect(refusal(`WEBVTT\n\n${'x'.repeat(MEDIA_TRACK_LIMITS.captionFileBytes)}`)).toMatch(/^The caption file is 2049 KB; at most 2048 KB is accepted/);
    const many = Array.from({ length: MEDIA_TRACK_LIMITS.captionCues + 1 }, (_, i) => `${i + 1}\n00:00:01,000 --> 00:00:02,000\nx\n`).join('\n');
    expect(refusal(many)).toMatch(/the file has more than 20000 cues/);
    expect(refusal(`WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${'y'.repeat(MEDIA_TRACK_LIMITS.captionCueCharacters + 1)}`)).toBe(
      "line 4: the cue's text has 1001 characters; a cue can have at most 1000.",
    );
  });

  it('stays linear on hostile input', () => {
    // Long runs of what the patterns look for: a backtracking pattern would take minutes here.
    const hostile = `1\n${'0:'.repeat(200_000)}00,000 --> 00:00:01,000\n${'<'.repeat(500_000)}\n`;
    expect(refusal(hostile)).toMatch(/^line 2: ".*" is not a time/);
    const tags = `1\n00:00:01,000 --> 00:00:02,000\n${'<i'.repeat(150)}\n`;
    expect(parseCaptionFile(tags)[0]?.text).toMatch(/^(&lt;i)+$/);
  });
});

describe('normaliseCues', () => {
  it('tidies what the editor sends and names the cue that is wrong', () => {
    expect(
      normaliseCues([
        { startSeconds: 2.0004, endSeconds: 3, text: '  b \n\n  c ' },
        { startSeconds: 1, endSeconds: 2, text: 'a --> z' },
      ]),
    ).toEqual([
      { startSeconds: 1, endSeconds: 2, text: 'a --&gt; z' },
      { startSeconds: 2, endSeconds: 3, text: 'b\nc' },
    ]);
    expect(() => normaliseCues([{ startSeconds: 5, endSeconds: 4, text: 'x' }])).toThrow('cue 1: the end time 00:00:04.000 is not after the start 00:00:05.000.');
    expect(() =>
      normaliseCues([
        { startSeconds: 1, endSeconds: 2, text: 'x' },
        { startSeconds: 1, endSeconds: 2, text: ' ' },
      ]),
    ).toThrow('cue 2: the text is empty');
    expect(() => normaliseCues([{ startSeconds: -1, endSeconds: 2, text: 'x' }])).toThrow('cue 1: the start time must be zero or more seconds.');
  });
});

describe('plainText', () => {
  it('drops markup and decodes entities for transcripts', () => {
    expect(plainText('<v Anna>Tom &amp; Jerry</v>\n<i>&lt;3</i>')).toBe('Tom & Jerry <3');
  });
});
