// Playback over REST: a platform-signed playback token for one video (for token-only and viewers-only videos), with
// the player's embed HTML and a ready signed manifest URL.
import { z } from 'zod';
import { MAX_API_PLAYBACK_TOKEN_SECONDS } from '../../../domain/playback/api-playback-tokens.js';
import { issueApiPlaybackToken } from '../../../domain/playback/issue-api-playback-token.js';
import { restRoute, tenantOf, type RestRoute } from '../rest-route.js';
import { dateTime, resourceId } from '../rest-schemas.js';

export const playbackRoutes: RestRoute[] = [
  restRoute({
    method: 'POST',
    path: '/v1/playback-tokens',
    operationId: 'createPlaybackToken',
    tag: 'Playback',
    summary: 'Sign a playback token for one video',
    description:
      'Give the token to the player as its `credential` (`<ott-player credential="…">`): it plays the video whatever its access mode, until it expires. Sign one per viewer session, on your backend, after your own checks.',
    access: { scope: 'playback' },
    body: z
      .strictObject({
        videoId: resourceId('video'),
        expiresInSeconds: z
          .number()
          .int()
          .min(60)
          .max(MAX_API_PLAYBACK_TOKEN_SECONDS, `A playback token lives at most ${MAX_API_PLAYBACK_TOKEN_SECONDS} seconds (24 hours)`)
          .default(3600)
          .meta({ description: 'How long the token plays: 60 s to 24 h, an hour unless said.' }),
        viewerId: z.string().min(1).max(200).optional().meta({ description: 'The viewer of your pool it is for, recorded in the token.' }),
      })
      .meta({ id: 'PlaybackTokenRequest' }),
    response: z
      .object({
        token: z.string(),
        videoId: z.uuid(),
        expiresAt: dateTime,
        embedHtml: z.string().meta({ description: 'The player script and element carrying this token.' }),
        playbackUrl: z.url().nullable().meta({ description: 'A signed HLS manifest URL for any HLS player (short-lived); null until the video is playable.' }),
        playbackUrlExpiresAt: dateTime.nullable(),
      })
      .meta({ id: 'PlaybackToken' }),
    successStatus: 201,
    handle: (request) => issueApiPlaybackToken(request.deps, tenantOf(request), request.body),
  }),
];
