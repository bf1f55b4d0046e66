// The catalogue's input fields, shared by the tRPC routers and the REST routes. Bounds are loose here (a body
// limit, not the rule): domain/catalogue/catalogue-rules.ts applies CATALOGUE_LIMITS with messages naming the entry.
import { CATALOGUE_LIMITS as LIMITS, CATALOGUE_TITLE_TYPES } from '@ott/contracts';
import { z } from 'zod';

const label = z.string().max(LIMITS.tagLength * 4);

export const categories = z.array(label).max(LIMITS.categories * 4, `A title can have at most ${LIMITS.categories} categories`);
export const tags = z.array(label).max(LIMITS.tags * 4, `A title can have at most ${LIMITS.tags} tags`);
export const releaseYear = z.number().int('The release year is a whole year').nullable();
export const maturityRating = z
  .string()
  .max(LIMITS.maturityRatingLength * 4)
  .nullable();
export const credits = z
  .array(z.object({ role: z.string().max(LIMITS.creditRoleLength * 4), name: z.string().max(LIMITS.creditNameLength * 4) }))
  .max(LIMITS.credits, `A title can have at most ${LIMITS.credits} credits`);
export const customFields = z
  .record(z.string().max(LIMITS.customFieldKeyLength * 4), z.string().max(LIMITS.customFieldValueLength * 4))
  .refine((fields) => Object.keys(fields).length <= LIMITS.customFields, `A title can have at most ${LIMITS.customFields} custom fields`);

export const metadataChanges = z.object({
  categories: categories.optional(),
  tags: tags.optional(),
  releaseYear: releaseYear.optional(),
  maturityRating: maturityRating.optional(),
  credits: credits.optional(),
  customFields: customFields.optional(),
});

const description = z.string().max(LIMITS.descriptionLength * 2);

export const seriesChanges = z.object({
  title: z
    .string()
    .max(LIMITS.seriesTitleLength * 4)
    .optional(),
  description: description.optional(),
  categories: categories.optional(),
  tags: tags.optional(),
  releaseYear: releaseYear.optional(),
  maturityRating: maturityRating.optional(),
  posterVideoId: z.uuid('Not a valid video id').nullable().optional(),
});

export const seasonNumber = z.number().int('A season number is a whole number').min(0, 'Seasons are numbered from 0 (specials) up').max(10_000);
export const seasonTitle = z.string().max(LIMITS.seriesTitleLength * 4);
export const episodeNumber = z.number().int('An episode number is a whole number').min(1, 'Episodes are numbered from 1');
export const position = z.number().int('A position is a whole number').min(1, 'Positions start at 1');

export const collectionChanges = z.object({
  title: z
    .string()
    .max(LIMITS.collectionTitleLength * 4)
    .optional(),
  slug: z
    .string()
    .max(LIMITS.slugLength * 2)
    .optional(),
  description: description.optional(),
});

export const orderedIds = (what: string, max: number) => z.array(z.uuid(`Not a valid ${what} id`)).max(max);

export const catalogueSearch = z.object({
  query: z.string().max(LIMITS.searchQueryLength, `Search for at most ${LIMITS.searchQueryLength} characters`).optional(),
  categories: z.array(label).max(LIMITS.categories).optional(),
  yearFrom: z.number().int().min(0).max(10_000).optional(),
  yearTo: z.number().int().min(0).max(10_000).optional(),
  type: z.enum(['film', 'series', 'episode'] satisfies typeof CATALOGUE_TITLE_TYPES).optional(),
});
