// A player's quality-of-experience report for one playback session, as it travels: running totals since the
// session began, with the signed session its grant opened. The control plane validates with this schema; the
// player builds the same shape (types only: no validator in the player's bundle).
import './zod-in-browsers.js';
import { z } from 'zod';

const DAY_MS = 86_400_000;
const count = (max: number) => z.number().int().min(0).max(max);

/** Bounds a real session stays within; anything beyond is a broken or hostile reporter. */
export const qoeReportSchema = z.object({
  /** The signed session playback.authorize gave the player. */
  playbackSession: z.string({ error: 'Send the playbackSession that playback.authorize returned with the grant.' }).min(1).max(256),
  videoId: z.string().uuid('Not a valid id'),
  /** From the player asking to play (authorize, or the viewer's play press) to the first frame; null until then. */
  startupMs: count(10 * 60_000).nullable(),
  rebufferMs: count(DAY_MS),
  rebufferCount: count(100_000),
  bitrateSwitches: count(100_000),
  errors: count(10_000),
  watchedSeconds: z
    .number()
    .min(0)
    .max(DAY_MS / 1000),
  /** Where the viewer is in the video; a signed-in viewer's session keeps it to resume from. Absent from older players. */
  positionSeconds: z
    .number()
    .min(0)
    .max(DAY_MS / 1000)
    .nullable()
    .optional(),
  /** The player's version (its package version), for analytics breakdowns. Absent from older players. */
  playerVersion: z
    .string()
    .regex(/^[0-9A-Za-z.+-]{1,32}$/, 'A player version is up to 32 letters, digits, dots, plus and minus signs')
    .optional(),
  /** The code of the first fatal error (the player's error code, e.g. `networkError`), null while none. */
  errorCode: z
    .string()
    .regex(/^[0-9A-Za-z_.:-]{1,64}$/, 'An error code is up to 64 letters, digits and _ . : -')
    .nullable()
    .optional(),
  /** The rendition (its height) the first frame was shown in; null until then. */
  firstFrameHeight: z.number().int().min(1).max(8640).nullable().optional(),
  /** Seconds watched in each rendition since the session began (running totals, like the rest). */
  renditions: z
    .array(
      z.strictObject({
        height: z.number().int().min(1).max(8640),
        bitrateKbps: z.number().int().min(1).max(500_000),
        seconds: z
          .number()
          .min(0)
          .max(DAY_MS / 1000),
      }),
    )
    .max(16, 'At most 16 renditions')
    .optional(),
});

export type QoeReport = z.infer<typeof qoeReportSchema>;
