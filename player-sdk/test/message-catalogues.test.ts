// The message catalogues: every language has every text, each text has the same shape in every language, and
// every entry is read by the player's code (an entry nothing reads is a text the viewer never sees in that language,
// while the code shows an inline one instead).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { fr } from '../src/i18n/fr.js';

const SRC = path.join(import.meta.dirname, '..', 'src');

/** The player's code outside the catalogues, as one text. */
async function playerCode(): Promise<string> {
  const files = (await readdir(SRC, { recursive: true })).filter((file) => file.endsWith('.ts') && !file.startsWith(`i18n${path.sep}`));
  const texts = await Promise.all(files.map((file) => readFile(path.join(SRC, file), 'utf8')));
  return texts.join('\n');
}

describe('message catalogues', () => {
  it('give French every text English has, with the same shape', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const french: unknown = fr[key as keyof typeof fr];
      expect(typeof french, key).toBe(typeof text);
      if (typeof text === 'function') expect((french as (...args: unknown[]) => unknown).length, key).toBe(text.length);
      else expect(french, key).not.toBe('');
    }
  });

  it('hold no entry the player does not read', async () => {
    const code = await playerCode();
    const unread = Object.keys(en).filter((key) => !new RegExp(`\\.${key}\\b`).test(code));
    expect(unread).toEqual([]);
  });
});
