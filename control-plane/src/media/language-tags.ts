// Stream language tags as containers write them (ISO 639-2: `eng`, `fre`/`fra`, `ger`/`deu`; sometimes already BCP 47)
// turned into the BCP 47 tags the platform stores and HLS's LANGUAGE wants. ICU's canonicalisation carries CLDR's
// aliases, which map both the bibliographic and terminological ISO 639-2 codes to the ISO 639-1 code where one exists.
import { LANGUAGE_TAG_PATTERN } from '@ott/contracts';

export const UNDETERMINED_LANGUAGE = 'und';

const englishNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** `eng` → `en`, `fre` → `fr`, `pt-BR` stays; missing, `und` or malformed → `und`. */
export function languageTagFromStream(tag: string | undefined): string {
  const trimmed = tag?.trim().replace(/_/g, '-') ?? '';
  if (trimmed === '') return UNDETERMINED_LANGUAGE;
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(trimmed)[0];
  } catch {
    return UNDETERMINED_LANGUAGE;
  }
  if (canonical === undefined) return UNDETERMINED_LANGUAGE;
  const [language = '', ...subtags] = canonical.split('-');
  const tagged = [language.toLowerCase(), ...subtags].join('-');
  return LANGUAGE_TAG_PATTERN.test(tagged) ? tagged : UNDETERMINED_LANGUAGE;
}

/** `fr` → `French`, `fr-CA` → `Canadian French`; undefined for `und` and for codes ICU does not know. */
export function languageName(tag: string): string | undefined {
  if (tag === UNDETERMINED_LANGUAGE) return undefined;
  try {
    return englishNames.of(tag);
  } catch {
    return undefined;
  }
}
