// Input fields shared by several routers, with messages a person can act on.
import { z } from 'zod';
import { MEDIA_TRACK_LIMITS } from '@ott/contracts';

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'The workspace name needs at least 3 characters')
  .max(40, 'The workspace name can have at most 40 characters')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Use lower-case letters, digits and dashes (not at the start or end)');

export const email = z.string().trim().toLowerCase().email('Enter a valid e-mail address').max(254);

export const password = z.string().min(10, 'Use at least 10 characters for the password').max(200);

export const uuid = z.string().uuid('Not a valid id');

export const accessMode = z.enum(['public', 'viewers', 'token']);

/** An uploaded file's name as the user's system gave it: kept for display and its extension, never used as a path. */
export const uploadFilename = z
  .string()
  .trim()
  .min(1)
  .max(255)
  // eslint-disable-next-line no-control-regex -- that is the point
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'The file name contains control characters: rename the file and try again');

/** A video's chapters as sent: bounded here, checked with messages naming the chapter in domain/chapters/chapter-rules.ts. */
export const chapterList = z
  .array(
    z.object({
      startSeconds: z.number().finite('A chapter starts at a number of seconds'),
      // Room for surrounding spaces, trimmed by the domain, which names an over-long title.
      title: z.string().max(MEDIA_TRACK_LIMITS.chapterTitleCharacters * 4),
    }),
  )
  .max(MEDIA_TRACK_LIMITS.chaptersPerVideo, `A video can have at most ${MEDIA_TRACK_LIMITS.chaptersPerVideo} chapters`);

/** The parts of a multipart upload a call asks URLs for. */
export const partNumbers = z.array(z.number().int().min(1).max(10_000)).min(1).max(10_000);

const instant = z.iso.datetime({ offset: true, message: 'Give a date and time in ISO 8601 with its offset, such as 2027-03-01T09:00:00Z' });

/** A video's availability as sent (domain/videos/video-availability.ts checks the codes, with hints, and the order). */
export const availabilityFields = {
  publishAt: instant.nullable(),
  unpublishAt: instant.nullable(),
  countryRule: z
    .object({
      mode: z.enum(['allow', 'deny']),
      // Room for every country; each code is checked by name in the domain ("UK": use GB).
      countries: z.array(z.string().max(8)).max(300),
    })
    .nullable(),
};

export function availabilityChange(input: { publishAt: string | null; unpublishAt: string | null; countryRule: { mode: 'allow' | 'deny'; countries: string[] } | null }) {
  return { publishAt: input.publishAt === null ? null : new Date(input.publishAt), unpublishAt: input.unpublishAt === null ? null : new Date(input.unpublishAt), countryRule: input.countryRule };
}
