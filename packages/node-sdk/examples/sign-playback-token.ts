// Sign a short-lived playback token for a viewers-only or token video, and print the embed HTML that plays it.
//   OTT_API_URL=https://api.example.com OTT_API_KEY=ott_sk_… npx tsx sign-playback-token.ts <videoId>
import { OttCloud, OttApiError } from '@ott/node-sdk';
import { env } from './env.js';

const [videoId] = process.argv.slice(2);
if (!videoId) throw new Error('Usage: sign-playback-token.ts <videoId>');
const ott = new OttCloud({ apiKey: env.apiKey, baseUrl: env.apiUrl });

try {
  // One token per viewing, valid for as long as one lasts; the answer carries the player HTML with it filled in.
  const { embedHtml, expiresAt } = await ott.playbackTokens.create({ videoId, expiresInSeconds: 3 * 3600 });
  console.log(embedHtml);
  console.error(`The token plays until ${expiresAt}.`);
} catch (error) {
  // e.g. missing_scope: the key needs the "playback" scope; not_found: no such video in this workspace.
  if (error instanceof OttApiError) console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
