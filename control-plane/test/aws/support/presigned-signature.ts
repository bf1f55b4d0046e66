// What S3 checks on a presigned request and s3rver 3.7 does not (its Signature Version 4 check is a stub that
// accepts anything): the signature over the method, path, query and the headers X-Amz-SignedHeaders names, with
// the values the request carries. A part URL signed with its Content-Length is then refused for a body of another
// size, as S3 refuses it. The algorithm: "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)",
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function presignedSignatureMatches(request: IncomingMessage, secretAccessKey: string): boolean {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const canonicalUri = queryStart < 0 ? url : url.slice(0, queryStart);
  const params = (queryStart < 0 ? '' : url.slice(queryStart + 1))
    .split('&')
    .filter(Boolean)
    .map((pair): [string, string] => {
      const equals = pair.indexOf('=');
      return equals < 0 ? [decodeURIComponent(pair), ''] : [decodeURIComponent(pair.slice(0, equals)), decodeURIComponent(pair.slice(equals + 1))];
    });
  const param = (name: string) => params.find(([key]) => key === name)?.[1] ?? '';
  const signedHeaders = param('X-Amz-SignedHeaders');
  const [, ...scopeParts] = param('X-Amz-Credential').split('/');
  const scope = scopeParts.join('/');
  const canonicalQuery = params
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [uriEscape(key), uriEscape(value)])
    .sort(([a = '', x = ''], [b = '', y = '']) => (a === b ? compare(x, y) : compare(a, b)))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [request.method, canonicalUri, canonicalQuery, canonicalHeaders, signedHeaders, param('X-Amz-Content-Sha256') || 'UNSIGNED-PAYLOAD'].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', param('X-Amz-Date'), scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const signingKey = scopeParts.reduce<Buffer | string>((key, part) => createHmac('sha256', key).update(part).digest(), `AWS4${secretAccessKey}`);
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex') === param('X-Amz-Signature');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 3986 escaping, as SigV4 canonicalises query keys and values. */
function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
