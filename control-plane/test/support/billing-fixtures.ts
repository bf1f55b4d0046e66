// Small building blocks for metering and billing tests: a clock the test moves, and tenants inserted directly
// (active, with an owner) when the test is about usage and invoices rather than sign-up.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/database.js';
import type { PlanId } from '../../src/domain/billing/plans.js';
import type { Clock } from '../../src/ports.js';

export class TestClock implements Clock {
  constructor(public current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  set(time: string | Date): void {
    this.current = new Date(time);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export async function insertTenant(db: Db, options: { plan?: PlanId; name?: string } = {}): Promise<{ tenantId: string; slug: string }> {
  const slug = `t-${randomBytes(4).toString('hex')}`;
  const tenant = await db
    .insertInto('tenants')
    .values({ slug, name: options.name ?? `Tenant ${slug}`, plan: options.plan ?? 'pro', status: 'active', updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('admins')
    .values({ tenant_id: tenant.id, email: `owner@${slug}.example`, password_hash: 'not-a-real-hash', role: 'owner' })
    .execute();
  return { tenantId: tenant.id, slug };
}
