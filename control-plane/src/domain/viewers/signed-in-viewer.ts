// The viewer an ID token names, in the site (tenant) it says it is for: the token must come from that tenant's pool.
import type { DomainDeps } from '../deps.js';
import { unauthenticated } from '../errors.js';

export interface SignedInViewer {
  tenantId: string;
  viewerId: string;
  email: string;
}

export async function signedInViewer(deps: Pick<DomainDeps, 'db' | 'identity'>, tenantSlug: string, idToken: string | undefined): Promise<SignedInViewer> {
  const refused = () => unauthenticated('Sign in to this site first: your sign-in is missing, has expired or is for another site.');
  if (!idToken) throw refused();
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'viewer_pool_id']).where('slug', '=', tenantSlug).executeTakeFirst();
  const viewer = tenant?.viewer_pool_id ? await deps.identity.verifyViewerToken(tenant.viewer_pool_id, idToken) : undefined;
  if (!tenant || !viewer) throw refused();
  return { tenantId: tenant.id, viewerId: viewer.viewerId, email: viewer.email };
}
