import { randomBytes } from 'node:crypto';
import type { TestPlatform } from './test-platform.js';
import { waitFor } from './wait-for.js';

export const PASSWORD = 'correct horse battery';

/** Signs a tenant up and waits for its provisioning job (needs the worker running). */
export async function signUpActiveTenant(platform: TestPlatform, name = 'acme') {
  const slug = `${name}-${randomBytes(3).toString('hex')}`;
  const session = await platform.caller().tenants.signup({ companyName: `${name} Films`, slug, email: `owner@${slug}.example`, password: PASSWORD });
  const admin = platform.caller(session.accessToken);
  await waitFor(async () => ((await admin.tenants.me()).status === 'active' ? true : undefined), { what: `${slug} to become active` });
  return { slug, session, admin, email: `owner@${slug}.example` };
}
