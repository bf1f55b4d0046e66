// Sends one branded message about a tenant (its name, logo and accent colour from the tenants row) through the email
// port, recorded under the tenant so its development inbox shows it.
import type { EmailKind } from '../../ports.js';
import type { DomainDeps } from '../deps.js';
import { brandingOf } from '../tenants/branding.js';
import { brandedEmail, type EmailContent } from './branded-email.js';

export async function sendTenantEmail(deps: Pick<DomainDeps, 'db' | 'email' | 'urls'>, message: { tenantId: string; kind: EmailKind; to: string; content: EmailContent }): Promise<void> {
  const tenant = await deps.db.selectFrom('tenants').select(['id', 'name', 'plan', 'accent_color', 'logo_key']).where('id', '=', message.tenantId).executeTakeFirstOrThrow();
  const branding = brandingOf(tenant, deps.urls.api);
  const rendered = brandedEmail({ tenantName: tenant.name, logoUrl: branding.logoUrl, accentColor: branding.accentColor }, message.content);
  await deps.email.send({ kind: message.kind, tenantId: message.tenantId, to: message.to, ...rendered });
}
