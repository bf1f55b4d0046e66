// White-label branding: accent colour and logo. The logo is checked by its bytes (PNG, JPEG or WebP only:
// an SVG could carry script into tenants' pages) and stored under a content-hashed name so caches never
// serve an old logo.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Branding } from '@ott/contracts';
import type { DomainDeps } from '../deps.js';
import { invalid } from '../errors.js';
import { planOf } from '../billing/plans.js';

export const MAX_LOGO_BYTES = 512 * 1024;

const SIGNATURES: { contentType: string; extension: string; matches: (bytes: Buffer) => boolean }[] = [
  { contentType: 'image/png', extension: 'png', matches: (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { contentType: 'image/jpeg', extension: 'jpg', matches: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff },
  { contentType: 'image/webp', extension: 'webp', matches: (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function brandingOf(tenant: { id: string; plan: string; accent_color: string | null; logo_key: string | null }, apiUrl: string): Branding {
  return {
    accentColor: tenant.accent_color,
    logoUrl: tenant.logo_key ? `${apiUrl}/${tenant.logo_key}` : null,
    showPlatformLogo: planOf(tenant.plan).showsPlatformLogo,
  };
}

export async function setAccentColor(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, accentColor: string | null): Promise<void> {
  await deps.db
    .updateTable('tenants')
    .set({ accent_color: accentColor?.toLowerCase() ?? null, updated_at: deps.clock.now() })
    .where('id', '=', tenantId)
    .execute();
}

export async function setLogo(deps: Pick<DomainDeps, 'db' | 'store' | 'clock'>, tenantId: string, bytes: Buffer | null): Promise<void> {
  if (bytes === null) {
    await deps.db.updateTable('tenants').set({ logo_key: null, logo_content_type: null, updated_at: deps.clock.now() }).where('id', '=', tenantId).execute();
    return;
  }
  if (bytes.length > MAX_LOGO_BYTES) throw invalid(`The logo is ${Math.round(bytes.length / 1024)} KB; logos can be at most ${MAX_LOGO_BYTES / 1024} KB. Export a smaller PNG, JPEG or WebP.`);
  const format = SIGNATURES.find((signature) => signature.matches(bytes));
  if (!format) throw invalid('The logo must be a PNG, JPEG or WebP image.');
  const key = `branding/${tenantId}/logo-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${format.extension}`;
  const scratch = await mkdtemp(path.join(tmpdir(), 'ott-logo-'));
  try {
    const file = path.join(scratch, 'logo');
    await writeFile(file, bytes);
    await deps.store.putFile(key, file);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  await deps.db.updateTable('tenants').set({ logo_key: key, logo_content_type: format.contentType, updated_at: deps.clock.now() }).where('id', '=', tenantId).execute();
}
