// Every object key names its tenant (`t/{tenantId}/…` delivered media, `sources/{tenantId}/…` originals), and
// in the aws shape the tenant picks the bucket. Keys are checked here before any request is signed.

const NAMESPACES = new Set(['t', 'sources']);

export class UnsafeKeyError extends Error {
  constructor(key: string) {
    super(`Unsafe object key: ${JSON.stringify(key)}`);
  }
}

/** The tenant a key belongs to; throws for keys outside a tenant namespace or with `.`/`..`/empty segments. */
export function tenantOfKey(key: string): string {
  const segments = key.split('/');
  const unsafe =
    key.startsWith('/') || key.includes('\\') || key.includes('\0') || segments.some((segment, index) => segment === '.' || segment === '..' || (segment === '' && index < segments.length - 1));
  const [namespace, tenantId] = segments;
  if (unsafe || !namespace || !NAMESPACES.has(namespace) || !tenantId) throw new UnsafeKeyError(key);
  return tenantId;
}
