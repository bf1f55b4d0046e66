// "Where your viewers watch": the tenant's own site (where its videos are embedded), which viewer invitations link to.
// Without it, an invitation says in words where to sign in.
import type { DomainDeps } from '../deps.js';
import { invalid } from '../errors.js';

export async function viewerSite(deps: Pick<DomainDeps, 'db'>, tenantId: string): Promise<{ url: string | null }> {
  const tenant = await deps.db.selectFrom('tenants').select('viewer_site_url').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return { url: tenant.viewer_site_url };
}

export async function setViewerSite(deps: Pick<DomainDeps, 'db' | 'clock'>, tenantId: string, url: string | null): Promise<{ url: string | null }> {
  const checked = url === null || url.trim() === '' ? null : siteUrl(url.trim());
  await deps.db.updateTable('tenants').set({ viewer_site_url: checked, updated_at: deps.clock.now() }).where('id', '=', tenantId).execute();
  return { url: checked };
}

function siteUrl(text: string): string {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw invalid(`“${text}” is not a web address. Write it in full, such as https://films.example.com/watch.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw invalid('The site’s address must start with https:// (or http://).');
  return parsed.toString();
}
