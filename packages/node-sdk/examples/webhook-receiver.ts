// A webhook receiver: verifies every delivery (Standard Webhooks signature and timestamp), skips event ids it has
// already handled (delivery is at least once), and acknowledges with 204.
//   OTT_WEBHOOK_SECRET=whsec_… PORT=3000 npx tsx webhook-receiver.ts
import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError } from '@ott/node-sdk';
import { env } from './env.js';

const secret = env.webhookSecret;
/** A real receiver keeps these in its database, with the work the event caused, in one transaction. */
const handled = new Set<string>();

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      // The raw bytes: parsing and re-serialising the JSON first would break the signature.
      const event = verifyWebhook<{ id?: string; title?: string; status?: string }>(secret, request.headers, Buffer.concat(chunks));
      if (!handled.has(event.id)) {
        handled.add(event.id);
        console.log(`${event.createdAt} ${event.type} ${event.data.id ?? ''} ${event.data.title ?? ''}`);
      }
      response.writeHead(204).end();
    } catch (error) {
      if (error instanceof WebhookVerificationError) console.warn(`refused a delivery: ${error.message}`);
      response.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end();
    }
  });
}).listen(env.port, () => console.log(`listening on :${env.port}`));
