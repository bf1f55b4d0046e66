// Sign a short-lived playback token for a viewers-only or token video, and print the embed HTML that plays it.
//   OTT_API_URL=https://api.example.com OTT_API_KEY=ott_sk_… npx tsx sign-playback-token.ts <videoId>
import { OttCloud, OttApiError } from '@ott/node-sdk';

const [videoId] = process.argv.slice(2);
if (!videoId) throw new Error('Usage: sign-playback-token.ts <videoId>');
const baseUrl = process.env.OTT_API_URL ?? 'http://127.0.0.1:8686';
const ott = new OttCloud({ apiKey: process.env.OTT_API_KEY ?? '', baseUrl });

try {
  // One token per page view, valid for as long as a viewing lasts.
  const { token } = await ott.playbackTokens.create({ videoId, expiresInSeconds: 3 * 3600 });
  console.log(`<script src="${baseUrl}/sdk/ott-player.js" async></script>
<ott-player video-id="${videoId}" api="${baseUrl}" credential="${token}"></ott-player>`);
} catch (error) {
  // e.g. missing_scope: the key needs the "playback" scope; not_found: no such video in this workspace.
  if (error instanceof OttApiError) console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
