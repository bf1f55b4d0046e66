// The catalogue's wire types and limits (issue 17), shared by the control plane (which enforces the limits), the
// portal and the CLI (which say them before a request is sent).

/** One person's part in a title, in the order the tenant lists them (director first, then cast, …). */
export interface Credit {
  role: string;
  name: string;
}

/** Tenant-defined fields, key → value (for example `studio` → `Ghibli`). */
export type CustomFields = Record<string, string>;

/** What a search or a filter calls a title: a film is a video in no series; an episode is one in a season. */
export type CatalogueTitleType = 'film' | 'series' | 'episode';
export const CATALOGUE_TITLE_TYPES: readonly CatalogueTitleType[] = ['film', 'series', 'episode'];

export const CATALOGUE_LIMITS = {
  categories: 20,
  categoryLength: 60,
  tags: 50,
  tagLength: 60,
  credits: 200,
  creditRoleLength: 60,
  creditNameLength: 200,
  customFields: 50,
  customFieldKeyLength: 60,
  customFieldValueLength: 1_000,
  maturityRatingLength: 20,
  minReleaseYear: 1870,
  maxReleaseYear: 2200,
  seriesTitleLength: 300,
  descriptionLength: 10_000,
  seasonsPerSeries: 200,
  episodesPerSeason: 1_000,
  collections: 200,
  itemsPerCollection: 500,
  collectionTitleLength: 200,
  slugLength: 80,
  searchQueryLength: 200,
} as const;

/** Custom field keys are identifiers a storefront template can name: lower case, digits, `_` and `-`. */
export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_-]*$/;
/** A collection's slug, as it appears in a storefront address. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A video's catalogue metadata (its title and description are the video's own). */
export interface CatalogueMetadata {
  categories: string[];
  tags: string[];
  releaseYear: number | null;
  maturityRating: string | null;
  credits: Credit[];
  customFields: CustomFields;
}
