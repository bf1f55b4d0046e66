// The metadata form's text fields and what they mean: lists typed with commas, credits one a line ("Role: Name"),
// custom fields one a line ("key = value"). The server checks the limits and says what is wrong; these only split.
import type { Credit, CustomFields } from '@ott/contracts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function listOf(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function creditsText(credits: readonly Credit[]): string {
  return credits.map((credit) => `${credit.role}: ${credit.name}`).join('\n');
}

export function parseCredits(text: string): Parsed<Credit[]> {
  const credits: Credit[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0 || line.slice(colon + 1).trim() === '') return { ok: false, message: `Line ${index + 1} ("${line.trim()}"): write the role, a colon, then the name, like "Director: Agnès Varda".` };
    credits.push({ role: line.slice(0, colon).trim(), name: line.slice(colon + 1).trim() });
  }
  return { ok: true, value: credits };
}

export function fieldsText(fields: CustomFields): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key} = ${value}`)
    .join('\n');
}

export function parseFields(text: string): Parsed<CustomFields> {
  const fields: CustomFields = {};
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const equals = line.indexOf('=');
    if (equals <= 0) return { ok: false, message: `Line ${index + 1} ("${line.trim()}"): write the field's name, "=", then its value, like "studio = Ghibli".` };
    fields[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return { ok: true, value: fields };
}

export function parseYear(text: string): Parsed<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d{4}$/.test(trimmed)) return { ok: false, message: 'Write the year with four digits, like 1972, or leave it empty.' };
  return { ok: true, value: Number(trimmed) };
}
