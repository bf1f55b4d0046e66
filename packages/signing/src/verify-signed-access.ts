import { verify, type KeyObject } from 'node:crypto';
import { cidrContains } from './cidr.js';
import { decodeCloudFrontBase64 } from './cloudfront-base64.js';
import { policyJson } from './custom-policy.js';
import { parseIpAddress } from './ip-address.js';
import { parsePolicyStatement } from './policy-statement.js';
import { matchesResource } from './resource-pattern.js';

/** The signing parameters as they arrive, from the query string or the CloudFront-* cookies. */
export interface SignedAccessCredentials {
  /** Custom policy, CloudFront base64. */
  policy?: string;
  signature?: string;
  keyPairId?: string;
  /** Canned policy: epoch seconds. Ignored when `policy` is present. */
  expires?: string;
  /** `Hash-Algorithm`: absent or `SHA1` (the default), or `SHA256`. */
  hashAlgorithm?: string;
}

export interface SignedAccessContext {
  /** The URL as CloudFront sees it (scheme, host, raw path, own query string), without the signing parameters. */
  url: string;
  now: Date;
  clientIp: string;
  publicKeyFor(keyPairId: string): KeyObject | undefined;
}

export type SignedAccessRefusal =
  | 'missing-credentials'
  | 'unsupported-hash-algorithm'
  | 'unknown-key-pair'
  | 'malformed-policy'
  | 'malformed-signature'
  | 'bad-signature'
  | 'resource-mismatch'
  | 'expired'
  | 'not-yet-valid'
  | 'ip-mismatch';

/** When it holds, the resource its policy names (a canned policy names the request's own URL). */
export type SignedAccessResult = { ok: true; resource: string | undefined } | { ok: false; reason: SignedAccessRefusal };

const digests: Record<string, string> = { SHA1: 'sha1', SHA256: 'sha256' };

/** Checks a signed URL or signed cookies the way CloudFront does. Never throws on bad input. */
export function verifySignedAccess(credentials: SignedAccessCredentials, ctx: SignedAccessContext): SignedAccessResult {
  const { policy, signature, keyPairId, expires } = credentials;
  if (!signature || !keyPairId || (!policy && !expires)) return refuse('missing-credentials');
  const digest = digests[credentials.hashAlgorithm ?? 'SHA1'];
  if (digest === undefined) return refuse('unsupported-hash-algorithm');
  const publicKey = ctx.publicKeyFor(keyPairId);
  if (publicKey === undefined) return refuse('unknown-key-pair');

  const policyBytes = policy ? decodeCloudFrontBase64(policy) : cannedPolicyBytes(ctx.url, expires ?? '');
  if (policyBytes === undefined) return refuse('malformed-policy');
  const signatureBytes = decodeCloudFrontBase64(signature);
  if (signatureBytes === undefined || signatureBytes.length === 0) return refuse('malformed-signature');
  if (!signatureMatches(digest, policyBytes, publicKey, signatureBytes)) return refuse('bad-signature');

  // Parsed only once the signature holds, so forged input never reaches the JSON parser's reasons.
  const statement = parsePolicyStatement(policyBytes.toString('utf8'));
  if (statement === undefined) return refuse('malformed-policy');
  if (statement.resource !== undefined && !matchesResource(statement.resource, ctx.url)) return refuse('resource-mismatch');
  const nowMs = ctx.now.getTime();
  if (!(nowMs < statement.dateLessThan * 1000)) return refuse('expired');
  if (statement.dateGreaterThan !== undefined && nowMs < statement.dateGreaterThan * 1000) return refuse('not-yet-valid');
  if (statement.sourceIp !== undefined) {
    const client = parseIpAddress(ctx.clientIp);
    if (client === undefined || !cidrContains(statement.sourceIp, client)) return refuse('ip-mismatch');
  }
  return { ok: true, resource: statement.resource };
}

/** A canned policy is never sent: CloudFront rebuilds it from the request URL and `Expires`. */
function cannedPolicyBytes(url: string, expires: string): Buffer | undefined {
  if (!/^\d{1,15}$/.test(expires)) return undefined;
  return Buffer.from(policyJson(url, Number(expires)), 'utf8');
}

function signatureMatches(digest: string, data: Buffer, publicKey: KeyObject, signature: Buffer): boolean {
  try {
    return verify(digest, data, publicKey, signature);
  } catch {
    // A key of a type that cannot verify this digest is a refusal, not a crash.
    return false;
  }
}

function refuse(reason: SignedAccessRefusal): SignedAccessResult {
  return { ok: false, reason };
}
