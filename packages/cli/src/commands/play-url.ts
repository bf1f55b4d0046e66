// `ott play-url`: a signed manifest URL that plays in any HLS player for about ten minutes.
import { createPublicClient } from '../api-client.js';
import type { CliContext } from '../cli-context.js';
import { defineCommand } from '../command.js';

/** Authorises as a viewer would: no admin session, only the credential the video's access mode asks for. */
export async function playUrl(ctx: CliContext, videoId: string, credential?: string): Promise<string> {
  const grant = await createPublicClient(ctx).playback.authorize.mutate({ videoId, ...(credential ? { credential } : {}) });
  return grant.signedManifestUrl;
}

export const playUrlCommand = defineCommand({
  name: 'play-url',
  summary: 'Print a signed HLS URL for a ready video (valid for about 10 minutes)',
  positionals: ['<video-id>'],
  flags: {
    token: { type: 'string', value: '<credential>', help: "a playback token (token videos) or a viewer's sign-in token (viewers videos)" },
  },
  examples: ['ott play-url "$id"', 'ffplay "$(ott play-url "$id")"', 'ott play-url "$id" --token "$PLAYBACK_TOKEN"'],
  async run({ flags, positionals }, ctx) {
    ctx.stdout.write(`${await playUrl(ctx, positionals[0] ?? '', flags.token)}\n`);
    return 0;
  },
});
