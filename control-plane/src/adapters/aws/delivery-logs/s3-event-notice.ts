// What an S3 event notification on an SQS queue says, as far as log ingestion cares: which objects were created.
// Format: "Event message structure", https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
//  - `Records[]`, each with `eventSource` "aws:s3", `eventName` such as "ObjectCreated:Put", and
//    `s3.bucket.name`, `s3.object.key` and `s3.object.size` (bytes, a number);
//  - the object key is URL-encoded ("red flower.jpg" arrives as "red+flower.jpg");
//  - when a notification configuration is put, S3 sends one `{"Service":"Amazon S3","Event":"s3:TestEvent",...}`.
// Versions 2.1 to 2.x share these fields, so the version is not checked.

export interface CreatedObject {
  bucket: string;
  key: string;
  size: number;
}

export type S3EventNotice = { kind: 'test' } | { kind: 'created'; objects: CreatedObject[] } | { kind: 'unrecognised' };

export function parseS3EventNotice(body: string): S3EventNotice {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return { kind: 'unrecognised' };
  }
  if (!isObject(message)) return { kind: 'unrecognised' };
  if (message.Event === 's3:TestEvent') return { kind: 'test' };
  if (!Array.isArray(message.Records)) return { kind: 'unrecognised' };
  const objects = message.Records.flatMap((record): CreatedObject[] => {
    if (!isObject(record) || record.eventSource !== 'aws:s3' || typeof record.eventName !== 'string' || !record.eventName.startsWith('ObjectCreated:')) return [];
    const s3 = isObject(record.s3) ? record.s3 : {};
    const bucket = isObject(s3.bucket) ? s3.bucket.name : undefined;
    const object = isObject(s3.object) ? s3.object : {};
    if (typeof bucket !== 'string' || typeof object.key !== 'string' || typeof object.size !== 'number') return [];
    const key = decodeObjectKey(object.key);
    return key === undefined ? [] : [{ bucket, key, size: object.size }];
  });
  return objects.length > 0 ? { kind: 'created', objects } : { kind: 'unrecognised' };
}

/** Form encoding: `+` is a space, the rest percent-escapes. */
function decodeObjectKey(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded.replaceAll('+', '%20'));
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
