// Upload a local file from your backend and wait until it is ready: by webhook when you give a public URL for this
// script's tiny receiver (WEBHOOK_URL, forwarded to PORT), else by polling.
//   OTT_API_URL=https://api.example.com OTT_API_KEY=ott_sk_… npx tsx upload-and-wait.ts film.mp4
import { createServer } from 'node:http';
import { OttCloud, verifyWebhook, WebhookVerificationError } from '@ott/node-sdk';

const [file] = process.argv.slice(2);
if (!file) throw new Error('Usage: upload-and-wait.ts <video file>');
const ott = new OttCloud({ apiKey: process.env.OTT_API_KEY ?? '', baseUrl: process.env.OTT_API_URL ?? 'http://127.0.0.1:8686' });

/** Resolves with the id of the first verified `video.ready` for `videoId`. */
function readyByWebhook(secret: string, port: number, videoId: () => string | undefined): Promise<string> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        try {
          const event = verifyWebhook<{ id: string }>(secret, request.headers, Buffer.concat(chunks));
          response.writeHead(204).end();
          if (event.type === 'video.ready' && event.data.id === videoId()) {
            server.close();
            resolve(event.data.id);
          }
        } catch (error) {
          response.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end();
        }
      });
    });
    server.listen(port);
  });
}

let videoId: string | undefined;
const webhookUrl = process.env.WEBHOOK_URL;
let ready: Promise<unknown> | undefined;
let endpointId: string | undefined;
if (webhookUrl) {
  const endpoint = await ott.webhookEndpoints.create({ url: webhookUrl, eventTypes: ['video.ready'] });
  endpointId = endpoint.id;
  ready = readyByWebhook(endpoint.secret, Number(process.env.PORT ?? 3000), () => videoId);
}

const uploaded = await ott.uploads.uploadFile(file, {
  title: file,
  onProgress: (fraction) => process.stderr.write(`\ruploaded ${Math.round(fraction * 100)}%`),
});
videoId = uploaded.videoId;
process.stderr.write(`\nvideo ${videoId}: processing\n`);
await (ready ?? ott.videos.waitUntilReady(videoId));
if (endpointId) await ott.webhookEndpoints.delete(endpointId);
console.log(`video ${videoId} is ready`);
