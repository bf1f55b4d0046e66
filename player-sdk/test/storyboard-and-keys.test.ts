import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { fr } from '../src/i18n/fr.js';
import { formatTime, spokenTime } from '../src/ui/format-time.js';
import { keyAction, stepRate } from '../src/ui/keyboard.js';
import { parseStoryboard } from '../src/ui/storyboard.js';
import { cueAt as tileAt } from '../src/ui/vtt-cues.js';

describe('storyboard', () => {
  const vtt = [
    'WEBVTT',
    '',
    '00:00:00.000 --> 00:00:05.000',
    'storyboard.jpg#xywh=0,0,160,90',
    '',
    '00:00:05.000 --> 00:00:10.000',
    'storyboard.jpg#xywh=160,0,160,90',
    '',
    '00:01:10.000 --> 00:01:15.500',
    'storyboard.jpg#xywh=0,90,160,90',
    '',
  ].join('\n');
  const tiles = parseStoryboard(vtt, 'https://edge.example/t/1/v/2/storyboard.vtt?Policy=p&Signature=s&Key-Pair-Id=k');

  it('reads each cue’s sprite tile, resolved against the VTT URL', () => {
    expect(tiles).toHaveLength(3);
    expect(tiles[1]).toEqual({ start: 5, end: 10, image: 'https://edge.example/t/1/v/2/storyboard.jpg', x: 160, y: 0, width: 160, height: 90 });
    expect(tiles[2]?.start).toBe(70);
  });

  it('finds the tile for a time, including gaps and the ends', () => {
    expect(tileAt(tiles, 0)?.x).toBe(0);
    expect(tileAt(tiles, 7.5)?.x).toBe(160);
    expect(tileAt(tiles, 40)?.x).toBe(160);
    expect(tileAt(tiles, 999)?.y).toBe(90);
    expect(tileAt([], 3)).toBeUndefined();
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => keyAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });
  it('maps the usual keys', () => {
    expect(key(' ')).toEqual({ type: 'toggle-play' });
    expect(key('k')).toEqual({ type: 'toggle-play' });
    expect(key('ArrowRight')).toEqual({ type: 'seek-by', seconds: 5 });
    expect(key('j')).toEqual({ type: 'seek-by', seconds: -10 });
    expect(key('ArrowDown')).toEqual({ type: 'volume-by', delta: -0.1 });
    expect(key('m')).toEqual({ type: 'toggle-mute' });
    expect(key('f')).toEqual({ type: 'toggle-fullscreen' });
    expect(key('c')).toEqual({ type: 'toggle-captions' });
    expect(key('4')).toEqual({ type: 'seek-to-fraction', fraction: 0.4 });
    expect(key('>')).toEqual({ type: 'rate-by', steps: 1 });
  });
  it('leaves browser shortcuts and unknown keys alone', () => {
    expect(key('f', { ctrlKey: true })).toBeUndefined();
    expect(key('r', { metaKey: true })).toBeUndefined();
    expect(key('x')).toBeUndefined();
  });
  it('steps playback rates within the menu’s list', () => {
    expect(stepRate(1, 1)).toBe(1.25);
    expect(stepRate(2, 1)).toBe(2);
    expect(stepRate(0.5, -1)).toBe(0.5);
    expect(stepRate(1.1, -1)).toBe(0.75);
  });
});

describe('time formatting', () => {
  it('formats clock and spoken times', () => {
    expect([0, 5.9, 75, 3725, Number.NaN].map(formatTime)).toEqual(['0:00', '0:05', '1:15', '1:02:05', '0:00']);
    expect(spokenTime(61, en)).toBe('1 minute 1 second');
    expect(spokenTime(0, en)).toBe('0 seconds');
    expect(spokenTime(3661, fr)).toBe('1 heure 1 minute 1 seconde');
    expect(spokenTime(125, fr)).toBe('2 minutes 5 secondes');
  });
});
