// Secrets that arrive inside text rather than as a named field: an error message quoting a signed URL or a
// connection string, a header value copied into a message. Each is replaced whole, name included, so that a log
// never shows even which signed parameter was there (the e2e secrets check looks for `Signature=` and `Policy=`).
const CENSORED = '[Redacted]';

const PATTERNS: readonly RegExp[] = [
  // CloudFront's signed query parameters and cookies, S3 presigned parameters, tokens in a query string.
  /\b(?:CloudFront-)?(?:Policy|Signature|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|token|access_token|refresh_token)=[^&;\s"'<>]*/gi,
  /\bBearer\s+[\w.~+/=-]+/gi,
  // The password of a connection string: postgres://user:password@host.
  /(?<=\/\/[^:/@\s]+:)[^@\s/]+(?=@)/g,
  // A server API key's secret part; its prefix (ott_sk_ and 8 id characters) stays, to tell which key it was.
  /(?<=\bott_sk_[a-z0-9]{8}_)[A-Za-z0-9_-]+/g,
  // A webhook endpoint's signing secret (whsec_ + base64).
  /\bwhsec_[A-Za-z0-9+/=]+/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

export function scrubSecrets(text: string): string {
  return PATTERNS.reduce((scrubbed, pattern) => scrubbed.replace(pattern, CENSORED), text);
}
