import { describe, expect, it } from 'vitest';
import { creditsText, fieldsText, listOf, parseCredits, parseFields, parseYear } from './catalogue-text.js';

describe('the metadata form’s text', () => {
  it('splits lists at commas and drops empty entries', () => {
    expect(listOf(' Drama, ,Science fiction ,')).toEqual(['Drama', 'Science fiction']);
  });

  it('reads credits one a line in order, and names a line without a role', () => {
    const credits = [
      { role: 'Director', name: 'Agnès Varda' },
      { role: 'Cast', name: 'Corinne Marchand' },
    ];
    expect(parseCredits(`${creditsText(credits)}\n\n`)).toEqual({ ok: true, value: credits });
    expect(parseCredits('Director: Agnès Varda\nCorinne Marchand')).toEqual({ ok: false, message: expect.stringContaining('Line 2 ("Corinne Marchand")') });
  });

  it('reads custom fields as key = value, and names a line without "="', () => {
    expect(parseFields(fieldsText({ studio: 'Ghibli', country: 'JP' }))).toEqual({ ok: true, value: { studio: 'Ghibli', country: 'JP' } });
    expect(parseFields('studio Ghibli')).toMatchObject({ ok: false, message: expect.stringContaining('Line 1') });
  });

  it('takes a four-digit year or nothing', () => {
    expect(parseYear(' 1962 ')).toEqual({ ok: true, value: 1962 });
    expect(parseYear('')).toEqual({ ok: true, value: null });
    expect(parseYear('62')).toMatchObject({ ok: false });
  });
});
