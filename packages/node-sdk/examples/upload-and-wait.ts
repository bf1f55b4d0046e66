// Upload a local file from your backend and wait until it is ready: by webhook when you give a public URL for this
// script's tiny receiver (WEBHOOK_URL, forwarded to PORT), else by polling.
//   OTT_API_URL=https://api.example.com OTT_API_KEY=ott_sk_… npx tsx upload-and-wait.ts film.mp4
import { createServer } from 'node:http';
import { OttCloud, verifyWebhook, WebhookVerificationError } from '@ott/node-sdk';
import { env } from './env.js';

const [file] = process.argv.slice(2);
if (!file) throw new Error('Usage: upload-and-wait.ts <video file>');
const ott = new OttCloud({ apiKey: env.apiKey, baseUrl: env.apiUrl });

/** Collects verified `video.ready` events; `waitFor(id)` resolves when that video's has arrived. */
function readyReceiver(secret: string, port: number) {
  const ready = new Set<string>();
  const waiters = new Map<string, () => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const event = verifyWebhook<{ id: string }>(secret, request.headers, Buffer.concat(chunks));
        response.writeHead(204).end();
        if (event.type !== 'video.ready') return;
        ready.add(event.data.id);
        waiters.get(event.data.id)?.();
      } catch (error) {
        response.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end();
      }
    });
  }).listen(port);
  return {
    waitFor: (videoId: string) => new Promise<void>((resolve) => (ready.has(videoId) ? resolve() : waiters.set(videoId, resolve))),
    close: () => server.close(),
  };
}

// Register the endpoint before uploading, so the event cannot be missed.
const webhookUrl = env.webhookUrl;
const created = webhookUrl ? await ott.webhookEndpoints.create({ url: webhookUrl, eventTypes: ['video.ready'] }) : undefined;
const receiver = created ? readyReceiver(created.secret, env.port) : undefined;

const { videoId } = await ott.uploads.uploadFile(file, {
  title: file,
  onProgress: (fraction) => process.stderr.write(`\ruploaded ${Math.round(fraction * 100)}%`),
});
process.stderr.write(`\nvideo ${videoId}: processing\n`);
await (receiver ? receiver.waitFor(videoId) : ott.videos.waitUntilReady(videoId));
receiver?.close();
if (created) await ott.webhookEndpoints.delete(created.endpoint.id);
console.log(`video ${videoId} is ready`);
