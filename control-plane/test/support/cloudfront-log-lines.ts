// CloudFront standard log lines as AWS writes them: tab-separated, the columns of the "Standard log file fields" list in
// their documented order, as the `#Fields` header names them.
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html
export const CLOUDFRONT_LOG_FIELDS =
  '#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end';
const UA = 'Mozilla/5.0%20(Macintosh;%20Intel%20Mac%20OS%20X%2010_15_7)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/131.0.0.0%20Safari/537.36';
const QUERY = 'Policy=eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9k%2A&Signature=abc~def&Key-Pair-Id=K2JCJMDEHXQW5F';

/**
 * One log line in the documented column order. The result types follow the status unless given: `Error` for
 * 4xx/5xx; a download the viewer cut short is `Error` as result type with 200 and a `Hit` response result type.
 */
export function cloudFrontLogLine(fields: {
  date: string;
  time: string;
  bytes: number;
  stem: string;
  status: number | '000';
  range?: [number, number];
  result?: string;
  responseResult?: string;
  /** The request's query as logged (a query-signed request carries Policy, Signature and Key-Pair-Id). */
  query?: string;
}): string {
  const [start, end] = fields.range ?? ['-', '-'];
  const byStatus = Number(fields.status) >= 200 && Number(fields.status) < 400 ? 'Hit' : 'Error';
  const result = fields.result ?? byStatus;
  const response = fields.responseResult ?? byStatus;
  return [
    fields.date,
    fields.time,
    'FRA56-P5',
    fields.bytes,
    '192.0.2.100',
    'GET',
    'd111111abcdef8.cloudfront.net',
    fields.stem,
    fields.status,
    'https://films.example.com/',
    UA,
    fields.query ?? QUERY,
    '-',
    result,
    'SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==',
    'video.films.example.com',
    'https',
    245,
    '0.002',
    '-',
    'TLSv1.3',
    'TLS_AES_128_GCM_SHA256',
    response,
    'HTTP/2.0',
    '-',
    '-',
    51234,
    '0.001',
    result,
    'video/iso.segment',
    fields.bytes,
    start,
    end,
  ].join('\t');
}
