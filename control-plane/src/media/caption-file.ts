// Caption files as tenants upload them (WebVTT or SRT) read into cues, and cues written back as the canonical WebVTT
// the platform stores and serves. A cue keeps its times and its text with WebVTT's inline styling (<i>, <b>, <u>,
// <c>, <v>, <lang>, <ruby>); WebVTT cue settings (position, line, align), NOTE, STYLE and REGION blocks are dropped
// on purpose: the caption editor edits times and text only, and players place cues well without them. SRT's <font>
// tags and ASS overrides ({\an8}) have no WebVTT equivalent and are dropped too. Uploads are hostile: the size is
// checked before anything is read, lines are scanned one at a time, and every pattern is anchored and bounded.
import { MEDIA_TRACK_LIMITS, type CaptionCue } from '@ott/contracts';

export type CaptionFormat = 'vtt' | 'srt';

/** What is wrong with a caption file or a cue list, said to the person who uploaded or edited it. */
export class CaptionFileError extends Error {
  override readonly name = 'CaptionFileError';
}

const TIMESTAMP = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})$/;
const TIMING_ARROW = '-->';
/** Tags WebVTT renders; anything else that looks like a tag in an SRT file is not one (or is <font>, dropped). */
const WEBVTT_TAGS = new Set(['i', 'b', 'u', 'c', 'v', 'lang', 'ruby', 'rt']);

/** `format` as given by the uploader, or told from the file's first line (WebVTT must start with `WEBVTT`). */
export function parseCaptionFile(content: string, format?: CaptionFormat): CaptionCue[] {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MEDIA_TRACK_LIMITS.captionFileBytes) {
    throw new CaptionFileError(`The caption file is ${kib(bytes)} KB; at most ${kib(MEDIA_TRACK_LIMITS.captionFileBytes)} KB is accepted. Split it or remove what is not captions.`);
  }
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const detected = detectFormat(lines);
  const chosen = format ?? detected;
  if (!chosen) throw new CaptionFileError('This is not a WebVTT or SRT file: a WebVTT file starts with "WEBVTT", an SRT file with a cue number and a line like "00:00:01,000 --> 00:00:04,000".');
  if (chosen === 'vtt' && detected !== 'vtt') throw new CaptionFileError('line 1: a WebVTT file must start with "WEBVTT". Is it an SRT file?');
  const cues = chosen === 'vtt' ? readWebVtt(lines) : readSrt(lines);
  if (cues.length === 0) throw new CaptionFileError('The caption file has no cues: nothing would be shown.');
  return cues.sort((a, b) => a.startSeconds - b.startSeconds || a.endSeconds - b.endSeconds);
}

/** The cues of canonical WebVTT the platform wrote (serialiseWebVtt): none is not an error here. */
export function parseStoredWebVtt(webvtt: string): CaptionCue[] {
  return readWebVtt(webvtt.split('\n'));
}

/** Canonical WebVTT: cues in order, times as hh:mm:ss.mmm, no identifiers or settings. */
export function serialiseWebVtt(cues: readonly CaptionCue[]): string {
  return ['WEBVTT', ...cues.map(cueBlock)].join('\n\n') + '\n';
}

/** One cue as a WebVTT block (timing line, then text), without the blank line that ends it. */
export function cueBlock(cue: CaptionCue): string {
  return `${formatTimestamp(cue.startSeconds)} ${TIMING_ARROW} ${formatTimestamp(cue.endSeconds)}\n${cue.text}`;
}

/**
 * Cues as the caption editor sends them, checked and tidied (text lines trimmed, blank lines removed so a cue cannot
 * end early), in time order. Messages name the cue by its position in the list the editor sent (1-based).
 */
export function normaliseCues(cues: readonly CaptionCue[]): CaptionCue[] {
  if (cues.length > MEDIA_TRACK_LIMITS.captionCues) throw new CaptionFileError(`There are ${cues.length} cues; a track can have at most ${MEDIA_TRACK_LIMITS.captionCues}.`);
  const tidy = cues.map((cue, index) => {
    const where = `cue ${index + 1}`;
    if (!Number.isFinite(cue.startSeconds) || cue.startSeconds < 0) throw new CaptionFileError(`${where}: the start time must be zero or more seconds.`);
    if (!Number.isFinite(cue.endSeconds) || cue.endSeconds <= cue.startSeconds) {
      throw new CaptionFileError(`${where}: the end time ${formatTimestamp(cue.endSeconds)} is not after the start ${formatTimestamp(cue.startSeconds)}.`);
    }
    const text = tidyText(cue.text);
    if (text === '') throw new CaptionFileError(`${where}: the text is empty; write something or remove the cue.`);
    if (text.length > MEDIA_TRACK_LIMITS.captionCueCharacters)
      throw new CaptionFileError(`${where}: the text has ${text.length} characters; a cue can have at most ${MEDIA_TRACK_LIMITS.captionCueCharacters}.`);
    return { startSeconds: roundMillis(cue.startSeconds), endSeconds: roundMillis(cue.endSeconds), text };
  });
  return tidy.sort((a, b) => a.startSeconds - b.startSeconds || a.endSeconds - b.endSeconds);
}

/** `hh:mm:ss.mmm`, as WebVTT writes it. */
export function formatTimestamp(seconds: number): string {
  const millis = Math.max(0, Math.round(seconds * 1000));
  const hours = Math.floor(millis / 3_600_000);
  const minutes = Math.floor(millis / 60_000) % 60;
  const secs = Math.floor(millis / 1000) % 60;
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(secs, 2)}.${pad(millis % 1000, 3)}`;
}

/** Cue text without markup, entities decoded, on one line: for transcripts. */
export function plainText(text: string): string {
  return text
    .replace(/<[^<>\n]{0,200}>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lrm;|&rlm;/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function detectFormat(lines: readonly string[]): CaptionFormat | undefined {
  const first = lines[0] ?? '';
  if (first === 'WEBVTT' || first.startsWith('WEBVTT ') || first.startsWith('WEBVTT\t')) return 'vtt';
  const start = lines.findIndex((line) => line.trim() !== '');
  if (start >= 0 && /^\d{1,9}$/.test(lines[start]?.trim() ?? '') && (lines[start + 1] ?? '').includes(TIMING_ARROW)) return 'srt';
  return undefined;
}

interface Block {
  /** 1-based line number of the block's first line. */
  line: number;
  lines: string[];
}

/** Blank-line separated blocks, from line index `from`. */
function blocks(lines: readonly string[], from: number): Block[] {
  const found: Block[] = [];
  let current: Block | undefined;
  for (let index = from; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    if (!current) {
      current = { line: index + 1, lines: [] };
      found.push(current);
    }
    current.lines.push(line);
  }
  return found;
}

function readWebVtt(lines: readonly string[]): CaptionCue[] {
  // The header runs to the first blank line (it may carry metadata such as X-TIMESTAMP-MAP, which an upload does not need).
  const headerEnd = lines.findIndex((line) => line.trim() === '');
  const cues: CaptionCue[] = [];
  for (const block of blocks(lines, headerEnd < 0 ? lines.length : headerEnd)) {
    const first = block.lines[0] ?? '';
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(first) && !first.includes(TIMING_ARROW)) continue;
    const timingAt = first.includes(TIMING_ARROW) ? 0 : 1;
    const timing = block.lines[timingAt];
    if (timing === undefined || !timing.includes(TIMING_ARROW)) {
      throw new CaptionFileError(`line ${block.line}: expected a cue timing line like "00:00:01.000 --> 00:00:04.000", found "${excerpt(first)}".`);
    }
    addCue(cues, block.line + timingAt, timing, block.lines.slice(timingAt + 1), (text) => text);
  }
  return cues;
}

function readSrt(lines: readonly string[]): CaptionCue[] {
  const cues: CaptionCue[] = [];
  for (const block of blocks(lines, 0)) {
    const first = block.lines[0] ?? '';
    const timingAt = first.includes(TIMING_ARROW) ? 0 : 1;
    const timing = block.lines[timingAt];
    if (timingAt === 1 && !/^\s*\d{1,9}\s*$/.test(first)) {
      throw new CaptionFileError(`line ${block.line}: expected a cue number, found "${excerpt(first)}". Is a blank line missing between two cues?`);
    }
    if (timing === undefined || !timing.includes(TIMING_ARROW)) {
      throw new CaptionFileError(`line ${block.line + timingAt}: expected a timing line like "00:00:01,000 --> 00:00:04,000", found "${excerpt(timing ?? '')}".`);
    }
    addCue(cues, block.line + timingAt, timing, block.lines.slice(timingAt + 1), srtTextToWebVtt);
  }
  return cues;
}

function addCue(cues: CaptionCue[], lineNumber: number, timing: string, textLines: readonly string[], convert: (text: string) => string): void {
  if (cues.length >= MEDIA_TRACK_LIMITS.captionCues) throw new CaptionFileError(`line ${lineNumber}: the file has more than ${MEDIA_TRACK_LIMITS.captionCues} cues, the most a track can have.`);
  const arrow = timing.indexOf(TIMING_ARROW);
  const startText = timing.slice(0, arrow).trim();
  // What follows the end time is WebVTT cue settings (dropped, see the top of this file) or SRT's X1:… coordinates.
  const endText = timing
    .slice(arrow + TIMING_ARROW.length)
    .trim()
    .split(/[ \t]/, 1)[0];
  const start = parseTimestamp(startText ?? '');
  const end = parseTimestamp(endText ?? '');
  if (start === undefined) throw new CaptionFileError(`line ${lineNumber}: "${excerpt(startText)}" is not a time; write it like 00:01:02.500.`);
  if (end === undefined) throw new CaptionFileError(`line ${lineNumber}: "${excerpt(endText ?? '')}" is not a time; write it like 00:01:02.500.`);
  if (end < start) throw new CaptionFileError(`line ${lineNumber}: the end time ${endText} is before the start ${startText}.`);
  if (end === start) throw new CaptionFileError(`line ${lineNumber}: the end time ${endText} is the same as the start; a cue must last.`);
  const misplaced = textLines.findIndex((line) => line.includes(TIMING_ARROW));
  if (misplaced >= 0) throw new CaptionFileError(`line ${lineNumber + 1 + misplaced}: a timing line inside a cue's text. Is a blank line missing before it?`);
  const text = tidyText(convert(textLines.join('\n')));
  if (text.length > MEDIA_TRACK_LIMITS.captionCueCharacters) {
    throw new CaptionFileError(`line ${lineNumber + 1}: the cue's text has ${text.length} characters; a cue can have at most ${MEDIA_TRACK_LIMITS.captionCueCharacters}.`);
  }
  // An empty cue shows nothing: left out rather than refused.
  if (text !== '') cues.push({ startSeconds: start, endSeconds: end, text });
}

function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [, hours, minutes, seconds, fraction] = match;
  if (Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  // `1,5` is half a second in the SRT files that write fewer than three digits.
  const millis = Number((fraction ?? '0').padEnd(3, '0'));
  return ((Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000 + millis) / 1000;
}

/** SRT text is loosely HTML: keep the tags WebVTT knows, drop <font> and ASS overrides, escape the rest. */
function srtTextToWebVtt(text: string): string {
  return text
    .replace(/\{\\[^{}\n]{0,100}\}/g, '')
    .replace(/&(?![a-zA-Z]{2,8};|#\d{1,7};)/g, '&amp;')
    .replace(/<(\/?)([a-zA-Z]{1,10})([^<>\n]{0,200})>|<|>/g, (whole, slash: string | undefined, name: string | undefined, rest: string | undefined) => {
      if (whole === '<') return '&lt;';
      if (whole === '>') return '&gt;';
      const tag = (name ?? '').toLowerCase();
      if (!WEBVTT_TAGS.has(tag)) return '';
      // SRT's tags carry no classes or annotations WebVTT would read: keep the bare tag.
      return rest && tag === 'v' && !slash ? `<v${rest}>` : `<${slash ?? ''}${tag}>`;
    });
}

/** Lines trimmed, blank ones removed (a blank line would end the cue in WebVTT), and no "-->" left in the text. */
function tidyText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim().replaceAll(TIMING_ARROW, '--&gt;'))
    .filter((line) => line !== '')
    .join('\n');
}

function roundMillis(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function kib(bytes: number): number {
  return Math.ceil(bytes / 1024);
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
