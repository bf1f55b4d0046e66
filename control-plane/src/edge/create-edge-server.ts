// The local edge: CloudFront's job on one machine. Serves a tenant's HLS objects from the local
// store to holders of a CloudFront-format signed grant, and logs every response for metering.
import { verifySignedAccess } from '@ott/signing';
import { isPreviewResource } from '../domain/playback/preview-resource.js';
import { contentDispositionFor, DOWNLOADS_FOLDER } from '../domain/videos/download-files.js';
import { open, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { cacheControlFor, cacheControlForPlaylist, contentTypeFor } from './content-types.js';
import { isNotModified, objectValidators, rangeStillValid } from './conditional-request.js';
import { corsHeaders, preflightHeaders, type HeaderMap } from './cors.js';
import type { EdgeOptions } from './edge-options.js';
import { isImagePath } from '../media/image-request.js';
import { parseEdgePath, videoObjectFile, type VideoObjectPath } from './edge-path.js';
import { edgeRequestCredentials } from './edge-request-credentials.js';
import { MeteredResponse } from './metered-response.js';
import { parseRange } from './range.js';
import { propagateSigningQuery } from './signed-playlist.js';

const allowedMethods = 'GET, HEAD, OPTIONS';

export function createEdgeServer(options: EdgeOptions): Server {
  const now = options.now ?? (() => new Date());
  return createServer((req, res) => {
    const target = splitTarget(req.url ?? '');
    const response = new MeteredResponse(res, req.method === 'HEAD');
    const logged = { tenantId: '', videoId: '', preview: false };
    res.once('close', () => {
      options.accessLog.write({
        // First, where it exists: a preview's line leaves the metering's fast path (usage/edge-log-format.ts).
        ...(logged.preview ? { preview: true } : {}),
        time: now().toISOString(),
        tenantId: logged.tenantId,
        videoId: logged.videoId,
        path: target.path,
        // 499, nginx's "client closed request": the client left before any answer was sent.
        status: res.headersSent ? res.statusCode : 499,
        bytes: response.bytes,
        clientIp: req.socket.remoteAddress ?? '',
        userAgent: req.headers['user-agent'] ?? '',
        ...(req.headers.range === undefined ? {} : { range: req.headers.range }),
      });
    });
    const parsed = parseEdgePath(target.path);
    if (!parsed.ok) return response.text(parsed.status, parsed.reason);
    logged.tenantId = parsed.value.tenantId;
    logged.videoId = parsed.value.videoId;
    serveVideoObject(options, now(), req, response, parsed.value, target, logged).catch(() => {
      if (!res.headersSent) response.text(500, 'internal-error');
      else res.destroy();
    });
  });
}

async function serveVideoObject(
  options: EdgeOptions,
  now: Date,
  req: IncomingMessage,
  response: MeteredResponse,
  object: VideoObjectPath,
  target: RequestTarget,
  logged: { preview: boolean },
): Promise<void> {
  const method = req.method ?? '';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return response.text(405, 'method-not-allowed', { allow: allowedMethods });

  // An unknown tenant is answered like a known one whose keys do not match, so ids cannot be probed.
  const tenant = await options.directory.tenant(object.tenantId);
  const cors = corsHeaders(req.headers.origin, tenant?.allowedOrigins ?? []);
  if (method === 'OPTIONS') {
    const preflight = req.headers['access-control-request-method'] === undefined ? {} : preflightHeaders(cors);
    return response.empty(204, { ...cors, ...preflight, allow: allowedMethods });
  }

  const { credentials, resourceUrl, signingQuery } = edgeRequestCredentials(options.publicBaseUrl, target.path, target.query, req.headers.cookie);
  const access = verifySignedAccess(credentials, {
    url: resourceUrl,
    now,
    clientIp: req.socket.remoteAddress ?? '',
    // Only this tenant's key group: another tenant's valid grant must not open this tenant's path.
    publicKeyFor: (keyPairId) => tenant?.publicKeys.get(keyPairId),
  });
  if (!access.ok) return response.text(403, access.reason, cors);
  logged.preview = isPreviewResource(access.resource);

  const filePath = videoObjectFile(options.storeRoot, object);
  if (filePath === undefined) return response.text(400, 'bad-path', cors);
  let stats = await stat(filePath).catch(() => undefined);
  // An image on demand is made once, after the signature held, and from then on served as the stored object it is.
  // Images are made in the video's own folder only.
  if (stats === undefined && options.images && object.folder === object.videoId && isImagePath(object.file)) {
    const made = await options.images.ensure(object.tenantId, object.videoId, object.file);
    if (made.kind === 'refused') return response.text(made.status, made.message, made.status === 503 ? { ...cors, 'retry-after': '1' } : cors);
    stats = await stat(filePath).catch(() => undefined);
  }
  if (stats === undefined || !stats.isFile()) return response.text(404, 'not-found', cors);

  const fileName = object.file[object.file.length - 1] ?? '';
  if (fileName.endsWith('.m3u8')) return servePlaylist(req, response, filePath, fileName, cors, signingQuery);
  const validators = objectValidators(stats);
  const cacheHeaders = { etag: validators.etag, 'last-modified': validators.lastModified, 'cache-control': cacheControlFor(object.file.join('/')) };
  const header = (name: string): string | undefined => firstValue(req.headers[name]);
  if (isNotModified(header('if-none-match'), header('if-modified-since'), validators)) return response.empty(304, { ...cors, ...cacheHeaders });

  const disposition = await downloadDisposition(options, object, fileName);
  const headers = { ...cors, ...cacheHeaders, ...disposition, 'content-type': contentTypeFor(fileName), 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff' };
  const range = rangeStillValid(header('if-range'), validators) ? parseRange(req.headers.range, stats.size) : { kind: 'whole' as const };
  if (range.kind === 'unsatisfiable') return response.text(416, 'range-not-satisfiable', { ...headers, 'content-range': `bytes */${stats.size}` });
  if (range.kind === 'partial') {
    return response.file(206, { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${stats.size}` }, filePath, range.start, range.end);
  }
  response.file(200, headers, filePath, 0, stats.size - 1);
}

/**
 * Playlists are small and served from one read through one handle: a growing playlist is replaced every few
 * seconds, and its text, validators and cache lifetime must describe the same version.
 */
async function servePlaylist(req: IncomingMessage, response: MeteredResponse, filePath: string, fileName: string, cors: HeaderMap, signingQuery: string): Promise<void> {
  const handle = await open(filePath, 'r');
  const [text, stats] = await Promise.all([handle.readFile('utf8'), handle.stat()]).finally(() => handle.close());
  const headers = { ...cors, 'content-type': contentTypeFor(fileName), 'cache-control': cacheControlForPlaylist(text), 'x-content-type-options': 'nosniff' };
  // With the grant in the query, every URI in the body carries it: the body is this request's own.
  if (signingQuery !== '') return response.body(200, headers, propagateSigningQuery(text, signingQuery));
  const validators = objectValidators(stats);
  const withValidators = { ...headers, etag: validators.etag, 'last-modified': validators.lastModified };
  if (isNotModified(firstValue(req.headers['if-none-match']), firstValue(req.headers['if-modified-since']), validators)) return response.empty(304, withValidators);
  response.body(200, withValidators, text);
}

/** A static MP4 download (`downloads/{name}.mp4`) is saved as `{title} ({name}).mp4`, not played in the tab. */
async function downloadDisposition(options: EdgeOptions, object: VideoObjectPath, fileName: string): Promise<HeaderMap> {
  if (object.file.length !== 2 || `${object.file[0] ?? ''}/` !== DOWNLOADS_FOLDER || !fileName.endsWith('.mp4')) return {};
  const title = (await options.directory.videoTitle?.(object.tenantId, object.videoId)) ?? '';
  return { 'content-disposition': contentDispositionFor(title, fileName.slice(0, -'.mp4'.length)) };
}

interface RequestTarget {
  /** Raw, still percent-encoded: what a policy's Resource is matched against. */
  path: string;
  query: string;
}

function splitTarget(url: string): RequestTarget {
  const question = url.indexOf('?');
  return question === -1 ? { path: url, query: '' } : { path: url.slice(0, question), query: url.slice(question + 1) };
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
