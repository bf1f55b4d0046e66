// Schemas several REST areas share: ids in paths, the page query and answer, and the date-time fields. Each named
// with .meta({ id }) so the OpenAPI document shows it once, as a component.
import { z } from 'zod';

export const resourceId = (what: string) => z.uuid(`Not a valid ${what} id`).meta({ description: `The ${what}'s id (a UUID)` });

/** `?limit=&cursor=`: query values arrive as text. */
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'How many items to answer (1 to 200, 50 unless said).' }),
  cursor: z.string().min(1).max(1000).optional().meta({ description: 'The `nextCursor` of the previous page, unchanged; leave it out for the first page.' }),
});

/** A list's answer: `nextCursor` is null on the last page. */
export function pageOf<Item extends z.ZodType>(item: Item, id: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().meta({ description: 'Pass it back as `?cursor=` for the next page; null on the last page.' }),
    })
    .meta({ id, description: `A page of ${id.replace(/Page$/, '').toLowerCase()} items.` });
}

/** A point in time; answered as an ISO 8601 string (the OpenAPI document says date-time). */
export const dateTime = z.date();
