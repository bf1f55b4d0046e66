// The catalogue's rules on what a tenant sends: bounded lists, trimmed text, no duplicates, with a message that names
// the offending entry and says what to do. The limits are @ott/contracts' CATALOGUE_LIMITS, which the portal and the
// CLI read too.
import { CATALOGUE_LIMITS as LIMITS, CUSTOM_FIELD_KEY_PATTERN, SLUG_PATTERN, type Credit, type CustomFields } from '@ott/contracts';
import { invalid } from '../errors.js';

/** Categories or tags: trimmed, empty ones dropped, duplicates (ignoring case) kept once, in the order given. */
export function checkedLabels(what: 'categories' | 'tags', labels: readonly string[]): string[] {
  const [max, length, one] = what === 'categories' ? [LIMITS.categories, LIMITS.categoryLength, 'category'] : [LIMITS.tags, LIMITS.tagLength, 'tag'];
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const label of labels) {
    const trimmed = label.trim().replace(/\s+/g, ' ');
    if (trimmed === '' || seen.has(trimmed.toLowerCase())) continue;
    if (trimmed.length > length) throw invalid(`The ${one} "${trimmed.slice(0, 30)}…" is longer than ${length} characters: shorten it.`);
    seen.add(trimmed.toLowerCase());
    kept.push(trimmed);
  }
  if (kept.length > max) throw invalid(`A title can have at most ${max} ${what} (${kept.length} given): remove some.`);
  return kept;
}

export function checkedReleaseYear(year: number | null): number | null {
  if (year === null) return null;
  if (!Number.isInteger(year) || year < LIMITS.minReleaseYear || year > LIMITS.maxReleaseYear) {
    throw invalid(`The release year must be a whole year between ${LIMITS.minReleaseYear} and ${LIMITS.maxReleaseYear} (${year} given), or empty.`);
  }
  return year;
}

export function checkedMaturityRating(rating: string | null): string | null {
  const trimmed = rating?.trim() ?? '';
  if (trimmed === '') return null;
  if (trimmed.length > LIMITS.maturityRatingLength) throw invalid(`The maturity rating is a short label such as "PG-13" or "16+": at most ${LIMITS.maturityRatingLength} characters.`);
  return trimmed;
}

export function checkedCredits(credits: readonly Credit[]): Credit[] {
  if (credits.length > LIMITS.credits) throw invalid(`A title can have at most ${LIMITS.credits} credits (${credits.length} given).`);
  return credits.map((credit, index) => {
    const role = credit.role.trim();
    const name = credit.name.trim();
    const which = `Credit ${index + 1}`;
    if (role === '' || name === '') throw invalid(`${which} needs both a role (such as "Director") and a name.`);
    if (role.length > LIMITS.creditRoleLength) throw invalid(`${which}: the role can have at most ${LIMITS.creditRoleLength} characters.`);
    if (name.length > LIMITS.creditNameLength) throw invalid(`${which}: the name can have at most ${LIMITS.creditNameLength} characters.`);
    return { role, name };
  });
}

export function checkedCustomFields(fields: Readonly<Record<string, string>>): CustomFields {
  const entries = Object.entries(fields);
  if (entries.length > LIMITS.customFields) throw invalid(`A title can have at most ${LIMITS.customFields} custom fields (${entries.length} given).`);
  const checked: CustomFields = {};
  for (const [rawKey, value] of entries) {
    const key = rawKey.trim();
    if (key.length > LIMITS.customFieldKeyLength || !CUSTOM_FIELD_KEY_PATTERN.test(key)) {
      throw invalid(
        `The custom field "${key.slice(0, 40)}" is not a usable name: start with a lower-case letter, then lower-case letters, digits, "_" or "-", at most ${LIMITS.customFieldKeyLength} characters.`,
      );
    }
    if (value.length > LIMITS.customFieldValueLength) throw invalid(`The custom field "${key}" can hold at most ${LIMITS.customFieldValueLength} characters.`);
    checked[key] = value.trim();
  }
  return checked;
}

export function checkedTitle(what: string, title: string, max: number): string {
  const trimmed = title.trim();
  if (trimmed === '') throw invalid(`${what} needs a title.`);
  if (trimmed.length > max) throw invalid(`${what}'s title can have at most ${max} characters.`);
  return trimmed;
}

export function checkedDescription(description: string): string {
  if (description.length > LIMITS.descriptionLength) throw invalid(`The description can have at most ${LIMITS.descriptionLength} characters.`);
  return description.trim();
}

export function checkedSlug(slug: string): string {
  const trimmed = slug.trim();
  if (trimmed.length === 0 || trimmed.length > LIMITS.slugLength || !SLUG_PATTERN.test(trimmed)) {
    throw invalid(`The slug "${trimmed.slice(0, 40)}" cannot be used in an address: use lower-case letters and digits separated by single dashes, at most ${LIMITS.slugLength} characters.`);
  }
  return trimmed;
}

/** A slug made from a title ("Best of 2026!" → "best-of-2026"), for when the tenant gives none. */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LIMITS.slugLength)
    .replace(/-+$/, '');
  return slug === '' ? 'collection' : slug;
}

/** A new order for a list: exactly the ids it holds, each once. */
export function checkedOrder(what: string, ids: readonly string[], current: readonly string[]): void {
  const given = new Set(ids);
  if (given.size !== ids.length) throw invalid(`The new order names one of the ${what} twice: name each once.`);
  if (ids.length !== current.length || current.some((id) => !given.has(id))) {
    throw invalid(`The new order must name every one of the ${current.length} ${what} once (${ids.length} named): reload and try again.`);
  }
}
