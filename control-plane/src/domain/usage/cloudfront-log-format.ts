// CloudFront standard (access) logs, the legacy S3 delivery: gzip files of W3C extended log format, tab-separated,
// with `#Version` and `#Fields` header lines naming the columns. Columns are looked up by name, so a distribution
// logging extra fields (CloudFront appends new ones at the end) is read the same way. Empty values are `-`.
// Format: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html
//
// Refused requests: `sc-status` is 4xx/5xx, or `000` when the viewer left before any answer. The result types
// say it too: `x-edge-response-result-type` is how CloudFront classified the answer before sending it (`Error`
// for a client or server error), `LimitExceeded` and `CapacityExceeded` are requests denied by a quota or for
// want of capacity. `x-edge-result-type` alone is `Error` also for a download the viewer cut short (then
// `sc-status` is 200 and the response result type is not `Error`): those bytes were served, and are billed.
//
// Whose the lines are: the tenant whose distribution wrote the log (the object's key, LogObject.servingTenantId),
// never the tenant a request's path names. Any viewer can ask tenant A's distribution for /t/{B}/…: that line is
// A's distribution answering, kept as refused for A (the operator sees it; nobody is billed), never B's egress.
//
// Previews: a request signed in its query carries its policy in `cs-uri-query`; a served one proves the policy was
// ours, and a preview policy names the video's files as `…/**` (domain/playback/preview-resource.ts).
import { decodeCloudFrontBase64 } from '@ott/signing';
import { isPreviewResource } from '../playback/preview-resource.js';
import { idsFromPath, type DeliveryRecord, type ParsedLog } from './delivery-record.js';

const REQUIRED = ['date', 'time', 'sc-bytes', 'cs-uri-stem', 'sc-status'] as const;
const DENIED = new Set(['LimitExceeded', 'CapacityExceeded']);

export function parseCloudFrontLog(text: string, servingTenantId: string | undefined): ParsedLog {
  const records: DeliveryRecord[] = [];
  let malformed = 0;
  let columns: Map<string, number> | undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      if (trimmed.startsWith('#Fields:'))
        columns = new Map(
          trimmed
            .slice('#Fields:'.length)
            .trim()
            .split(/\s+/)
            .map((name, index) => [name, index]),
        );
      continue;
    }
    const record = columns ? toRecord(trimmed.split('\t'), columns, servingTenantId) : undefined;
    if (record) records.push(record);
    else malformed += 1;
  }
  return { records, malformed };
}

function toRecord(fields: string[], columns: Map<string, number>, servingTenantId: string | undefined): DeliveryRecord | undefined {
  const value = (name: string) => {
    const index = columns.get(name);
    return index === undefined ? undefined : fields[index];
  };
  const [date, time, bytes, stem, status] = REQUIRED.map(value);
  if (!date || !time || !bytes || !stem || !status) return undefined;
  const when = new Date(`${date}T${time}Z`);
  const sent = Number(bytes);
  const code = Number(status);
  if (Number.isNaN(when.getTime()) || !Number.isSafeInteger(sent) || sent < 0 || !Number.isInteger(code)) return undefined;
  // Either result type may be missing (older logs, v2 logs with chosen fields).
  const response = value('x-edge-response-result-type') ?? '';
  const refused = response === 'Error' || DENIED.has(response) || DENIED.has(value('x-edge-result-type') ?? '');
  // CloudFront writes the URI stem URL-encoded; ids are plain, so they survive either way.
  const named = idsFromPath(stem);
  if (servingTenantId === undefined || named.tenantId.toLowerCase() !== servingTenantId)
    return { time: when, tenantId: servingTenantId ?? '', videoId: '', path: stem, status: code, bytes: sent, refused: true };
  const preview = isPreviewQuery(value('cs-uri-query'));
  return { time: when, ...named, path: stem, status: code, bytes: sent, ...(refused ? { refused } : {}), ...(preview ? { preview } : {}) };
}

/** Whether a logged query's `Policy` is a preview grant's (CloudFront logs the query URL-encoded once more). */
function isPreviewQuery(query: string | undefined): boolean {
  if (!query || query === '-' || !query.includes('Policy=')) return false;
  let policy: string | null;
  try {
    policy = new URLSearchParams(decodeURIComponent(query)).get('Policy');
  } catch {
    return false;
  }
  const bytes = policy ? decodeCloudFrontBase64(policy) : undefined;
  if (!bytes) return false;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { Statement?: { Resource?: unknown }[] };
    const resource = parsed.Statement?.[0]?.Resource;
    return typeof resource === 'string' && isPreviewResource(resource);
  } catch {
    return false;
  }
}
