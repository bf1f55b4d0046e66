// The label a track gets when nobody gave one: what a viewer reads in the captions menu.
/** `French` for `fr`, `Brazilian Portuguese` for `pt-BR`; the tag itself when the runtime does not know it. */
export function languageName(language: string): string {
  if (language === 'und') return 'Unknown language';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}
