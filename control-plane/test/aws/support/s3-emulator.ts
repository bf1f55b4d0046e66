// s3rver in-process on a free port, with its own folder: an S3 endpoint for the aws adapters' tests.
// s3rver 3.7 lacks things real S3 does and the contract relies on: ListParts (how a resuming client
// learns what is stored), AbortMultipartUpload, checking part ETags at CompleteMultipartUpload, and checking the
// signature of presigned URLs. A thin proxy in front of it answers the first three from s3rver's own upload folder
// and checks presigned signatures (presigned-signature.ts); every other request passes through untouched.
import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createS3Client } from '../../../src/adapters/aws/s3-client.js';
import { presignedSignatureMatches } from './presigned-signature.js';

export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Emulator {
  endpoint: string;
  client: S3Client;
  createBucket(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface S3EmulatorOptions {
  /**
   * Answer as S3 does a caller without s3:ListBucket: a missing key is 403 AccessDenied, not 404 NoSuchKey (Amazon S3 API
   * Reference, "GetObject", Permissions: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html).
   */
  withoutListBucket?: boolean;
}

export async function startS3Emulator(options: S3EmulatorOptions = {}): Promise<S3Emulator> {
  const directory = await mkdtemp(path.join(tmpdir(), 'ott-s3rver-'));
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  const { port: innerPort } = await s3rver.run();
  const uploadDir = (bucket: string, uploadId: string) => path.join(directory, bucket, '._S3rver_uploads', uploadId);

  const proxy = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://s3');
    if (url.searchParams.has('X-Amz-Algorithm') && request.method !== 'OPTIONS' && !presignedSignatureMatches(request, EMULATOR_CREDENTIALS.secretAccessKey)) {
      response.setHeader('Connection', 'close');
      return void xmlError(response, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    const uploadId = url.searchParams.get('uploadId');
    const bucket = url.pathname.split('/')[1] ?? '';
    const own = uploadId && !url.searchParams.has('partNumber') && ['GET', 'POST', 'DELETE'].includes(request.method ?? '');
    const pass = (body: Buffer) => forward(request, response, innerPort, body);
    const handled = own
      ? handleMultipart(request, response, request.method === 'GET' ? 'list' : request.method === 'DELETE' ? 'abort' : 'complete', uploadDir(bucket, uploadId), pass)
      : Promise.resolve(false);
    void handled.then(
      (done) => {
        if (!done) forward(request, response, innerPort, undefined, options.withoutListBucket === true);
      },
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const client = createS3Client({ region: 'us-east-1', endpoint, credentials: EMULATOR_CREDENTIALS });
  return {
    endpoint,
    client,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    async close() {
      client.destroy();
      await new Promise((resolve) => {
        proxy.close(resolve);
        // Keep-alive sockets of other clients (a test's own proxy in front) would hold the close open until they time out.
        proxy.closeAllConnections();
      });
      // A request still in flight through the proxy (a client that gave up mid-transfer) would hold s3rver's close open.
      s3rver.httpServer?.closeAllConnections();
      await s3rver.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function forward(request: IncomingMessage, response: ServerResponse, port: number, body?: Buffer, missingIsDenied = false): void {
  const upstream = httpRequest({ host: '127.0.0.1', port, method: request.method, path: request.url, headers: request.headers }, (answer) => {
    if (missingIsDenied && answer.statusCode === 404 && (request.method === 'GET' || request.method === 'HEAD')) {
      answer.resume();
      return void xmlError(response, 403, 'AccessDenied', 'Access Denied');
    }
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', (error) => response.writeHead(502).end(String(error)));
  if (body) upstream.end(body);
  else request.pipe(upstream);
}

async function storedParts(dir: string): Promise<{ number: number; md5: string; size: number; modified: Date }[] | undefined> {
  const names = await readdir(dir).catch(() => undefined);
  if (!names) return undefined;
  const numbers = names.filter((name) => /^\d+$/.test(name) && names.includes(`${name}.md5`)).map(Number);
  return Promise.all(
    numbers
      .sort((a, b) => a - b)
      .map(async (number) => {
        const file = path.join(dir, String(number));
        const { size, mtime } = await stat(file);
        return { number, md5: (await readFile(`${file}.md5`, 'utf8')).trim(), size, modified: mtime };
      }),
  );
}

function xmlError(response: ServerResponse, status: number, code: string, message: string): true {
  response.writeHead(status, { 'Content-Type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  return true;
}

async function handleMultipart(request: IncomingMessage, response: ServerResponse, what: 'list' | 'abort' | 'complete', dir: string, pass: (body: Buffer) => void): Promise<boolean> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const parts = await storedParts(dir);
  if (!parts) return xmlError(response, 404, 'NoSuchUpload', 'The specified upload does not exist.');
  if (what === 'abort') {
    await rm(dir, { recursive: true, force: true });
    response.writeHead(204).end();
    return true;
  }
  if (what === 'list') {
    const items = parts.map(
      (part) => `<Part><PartNumber>${part.number}</PartNumber><LastModified>${part.modified.toISOString()}</LastModified><ETag>"${part.md5}"</ETag><Size>${part.size}</Size></Part>`,
    );
    response.writeHead(200, { 'Content-Type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult><IsTruncated>false</IsTruncated>${items.join('')}</ListPartsResult>`);
    return true;
  }
  const stored = new Map(parts.map((part) => [part.number, part.md5]));
  for (const [part] of body.toString().matchAll(/<Part>[\s\S]*?<\/Part>/g)) {
    const number = /<PartNumber>(\d+)<\/PartNumber>/.exec(part)?.[1];
    const etag = /<ETag>([^<]*)<\/ETag>/.exec(part)?.[1]?.replaceAll('&quot;', '').replaceAll('"', '');
    if (stored.get(Number(number)) !== etag) return xmlError(response, 400, 'InvalidPart', `Part ${number} was not uploaded or its ETag differs.`);
  }
  pass(body);
  return true;
}
