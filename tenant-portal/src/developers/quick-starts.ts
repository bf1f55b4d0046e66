// The Developers page's quick starts and webhook receivers, as text with the API's real origin filled in. Pure
// functions so that the page, its unit test and the end-to-end journey (which runs these very commands with curl and
// this very receiver with node) all read the same words.
import { embedSnippet } from '../video/embed-snippet.js';

/** Placeholders the reader replaces with their own values (the journey test does the same). */
export const PLACEHOLDERS = {
  appOrigin: 'https://app.example.com',
  webhookUrl: 'https://example.com/ott-webhooks',
  directUploadUrl: 'DIRECT_UPLOAD_URL',
  videoId: 'VIDEO_ID',
} as const;

export interface Snippet {
  /** `curl`, `Node`, `Browser page`, … */
  label: string;
  /** What it is for the copy button's and the test's sake. */
  id: string;
  code: string;
}

export interface QuickStart {
  id: string;
  title: string;
  intro: string;
  snippets: Snippet[];
}

function curlPost(origin: string, path: string, body: object | undefined): string {
  return [
    `curl -sS -X POST ${origin}${path}`,
    '  -H "Authorization: Bearer $OTT_API_KEY"',
    ...(body ? ['  -H "Content-Type: application/json"'] : []),
    ...(body ? [`  -d '${JSON.stringify(body)}'`] : []),
  ].join(' \\\n');
}

const nodeClient = (origin: string) => `import { OttCloud } from '@ott/node-sdk';

const ott = new OttCloud({ apiKey: process.env.OTT_API_KEY, baseUrl: '${origin}' });`;

export function quickStarts(origin: string): QuickStart[] {
  const { appOrigin, webhookUrl, directUploadUrl, videoId } = PLACEHOLDERS;
  return [
    {
      id: 'direct-upload',
      title: 'Let a browser upload: a direct upload',
      intro: `Your backend creates a one-time upload (scope upload) and hands its url to your page on ${appOrigin}, which sends the file with the same resumable client the portal uses. The page never sees your key. Set corsOrigin to your page's origin.`,
      snippets: [
        { label: 'curl', id: 'direct-upload-curl', code: curlPost(origin, '/v1/direct-uploads', { corsOrigin: appOrigin, title: 'Uploaded from my app', accessMode: 'viewers' }) },
        {
          label: 'Node',
          id: 'direct-upload-node',
          code: `${nodeClient(origin)}

const upload = await ott.directUploads.create({ corsOrigin: '${appOrigin}', title: 'Uploaded from my app', accessMode: 'viewers' });
// Hand upload.url to your page; it works once, until upload.expiresAt.
console.log(upload.url);`,
        },
        {
          label: 'Browser page',
          id: 'direct-upload-browser',
          code: `<input type="file" id="file" accept="video/*" />
<progress id="progress" max="1" value="0"></progress>
<script src="${origin}/sdk/ott-upload.js"></script>
<script>
  document.getElementById('file').addEventListener('change', async (event) => {
    const result = await OttUpload.upload(event.target.files[0], {
      directUploadUrl: '${directUploadUrl}', // the "url" your backend got
      onProgress: (progress) => (document.getElementById('progress').value = progress.fraction),
    });
    console.log('Uploaded as video', result.videoId);
  });
</script>`,
        },
      ],
    },
    {
      id: 'backend-upload',
      title: 'Upload a file from your backend',
      intro:
        'Create the video, PUT its parts to the signed URLs the answer lists (partSize bytes each; these are plain HTTP PUTs, no key), then complete it. The Node client does all of that, resumably. Or let the platform fetch a public URL.',
      snippets: [
        {
          label: 'curl',
          id: 'backend-upload-curl',
          code: `# 1. Create the video; the answer lists signed URLs for its parts (a file up to partSize has one part)
${curlPost(origin, '/v1/videos', { filename: 'launch.mp4', size: 10485760, title: 'Launch film', accessMode: 'viewers' })} > ticket.json
# 2. PUT each part to its URL
curl -sS -T launch.mp4 "$(jq -r '.parts[0].url' ticket.json)"
# 3. Complete: transcoding starts
${curlPost(origin, '/v1/videos/$(jq -r .videoId ticket.json)/complete', undefined)}

# Or import from a public URL: the platform fetches it
${curlPost(origin, '/v1/videos/import', { url: 'https://media.example.com/launch.mp4', title: 'Launch film' })}`,
        },
        {
          label: 'Node',
          id: 'backend-upload-node',
          code: `${nodeClient(origin)}

const video = await ott.uploads.uploadFile('launch.mp4', { title: 'Launch film', accessMode: 'viewers' });
console.log('Uploaded as video', video.videoId);

// Or let the platform fetch a public URL:
const imported = await ott.videos.import({ url: 'https://media.example.com/launch.mp4', title: 'Launch film' });`,
        },
      ],
    },
    {
      id: 'webhook',
      title: 'Wait for ready: a webhook',
      intro: `Register an endpoint (scope webhooks) and the platform POSTs a signed video.ready to it as soon as a video can be played in every rendition. The answer's secret (whsec_…) is shown once: give it to your receiver (below) to verify every delivery.`,
      snippets: [
        { label: 'curl', id: 'webhook-curl', code: curlPost(origin, '/v1/webhook-endpoints', { url: webhookUrl, eventTypes: ['video.ready', 'video.failed'] }) },
        {
          label: 'Node',
          id: 'webhook-node',
          code: `${nodeClient(origin)}

const { endpoint, secret } = await ott.webhookEndpoints.create({ url: '${webhookUrl}', eventTypes: ['video.ready', 'video.failed'] });
console.log(\`Endpoint \${endpoint.id}: store this secret with your receiver:\`, secret);`,
        },
      ],
    },
    {
      id: 'playback-token',
      title: 'Sign a playback token for a viewers-only video',
      intro: 'A viewers-only or token video plays for whoever holds a short-lived token your backend asks for (scope playback). Pass it to the player as credential.',
      snippets: [
        { label: 'curl', id: 'playback-token-curl', code: curlPost(origin, '/v1/playback-tokens', { videoId, expiresInSeconds: 3600 }) },
        {
          label: 'Node',
          id: 'playback-token-node',
          code: `${nodeClient(origin)}

const { token } = await ott.playbackTokens.create({ videoId: '${videoId}', expiresInSeconds: 3600 });`,
        },
      ],
    },
    {
      id: 'embed',
      title: 'Embed the player',
      intro: 'Put the token your backend got into credential (public videos need none). List your site under Branding → allowed embed origins when that list is not empty.',
      snippets: [{ label: 'HTML', id: 'embed-html', code: embedSnippet(origin, videoId, 'token') }],
    },
    {
      id: 'list',
      title: 'List your videos',
      intro: 'Lists answer { data, nextCursor }: pass nextCursor back as ?cursor= for the next page. The Node client pages for you.',
      snippets: [
        { label: 'curl', id: 'list-curl', code: `curl -sS "${origin}/v1/videos?limit=20" \\\n  -H "Authorization: Bearer $OTT_API_KEY"` },
        { label: 'Node', id: 'list-node', code: `${nodeClient(origin)}\n\nfor await (const video of ott.videos.all()) console.log(video.id, video.status, video.title);` },
      ],
    },
  ];
}

/**
 * A complete webhook receiver on node:http and node:crypto alone: save as receiver.mjs, run with
 * OTT_WEBHOOK_SECRET=whsec_… PORT=3000 node receiver.mjs. It prints each verified event's type and subject.
 */
export const NODE_CRYPTO_RECEIVER = `import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.OTT_WEBHOOK_SECRET; // the endpoint's whsec_… secret

// Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body">, keyed by the secret after "whsec_".
function verify(headers, rawBody) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  if (!id || !timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) throw new Error('missing or stale timestamp');
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(\`\${id}.\${timestamp}.\`).update(rawBody).digest();
  const valid = String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((entry) => {
      const [version, signature = ''] = entry.split(',');
      const given = Buffer.from(signature, 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!valid) throw new Error('no valid signature');
  return JSON.parse(rawBody.toString('utf8'));
}

createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const event = verify(request.headers, Buffer.concat(chunks)); // the raw bytes, before any JSON parsing
      console.log(event.type, event.data.id ?? '', event.id);
      response.writeHead(204).end();
    } catch (error) {
      console.error('refused:', error.message);
      response.writeHead(400).end();
    }
  });
}).listen(Number(process.env.PORT ?? 3000));`;

/** The same receiver with the Node client's verifyWebhook. */
export const NODE_SDK_RECEIVER = `import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError } from '@ott/node-sdk';

createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const event = verifyWebhook(process.env.OTT_WEBHOOK_SECRET, request.headers, Buffer.concat(chunks));
      if (event.type === 'video.ready') console.log('ready to play:', event.data.id);
      response.writeHead(204).end();
    } catch (error) {
      response.writeHead(error instanceof WebhookVerificationError ? 400 : 500).end();
    }
  });
}).listen(Number(process.env.PORT ?? 3000));`;
