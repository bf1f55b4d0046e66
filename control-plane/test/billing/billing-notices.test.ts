// Billing notices by email to the tenant's owners: a failed payment (the provider's webhook, told once however often
// it is delivered) and an issued invoice (the closing job), each a branded message in the development mailbox.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyBillingWebhook } from '../../src/domain/billing/billing-webhooks.js';
import { closeBillingPeriods } from '../../src/jobs/handlers/close-billing-periods.js';
import { TestClock } from '../support/billing-fixtures.js';
import { waitForEmail } from '../support/mailbox.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { testLogger } from '../support/test-logger.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'notices');
});
afterAll(() => platform?.close());

async function billingNotices(): Promise<string[]> {
  const rows = await platform.database.db
    .selectFrom('development_mailbox')
    .select('subject')
    .where('kind', '=', 'billing-notice')
    .where('to_address', '=', tenant.email)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.subject);
}

it('emails the owner once when a payment fails, with the amount and the link to pay', async () => {
  const customerId = `cus_${tenant.slug}`;
  await platform.database.db
    .insertInto('billing_accounts')
    .values({ tenant_id: tenant.session.tenantId, provider: platform.app.deps.billing.provider, customer_id: customerId, updated_at: new Date() })
    .onConflict((conflict) => conflict.column('tenant_id').doUpdateSet({ customer_id: customerId }))
    .execute();
  const invoice = { id: 'in_notice', amountDueCents: 4900, hostedUrl: 'https://pay.example/in_notice', periodStart: null, periodEnd: null, nextAttemptAt: new Date('2026-12-10T00:00:00Z') };
  await applyBillingWebhook(platform.app.deps, { kind: 'invoice-payment-failed', eventId: 'evt_notice_1', customerId, invoice });
  // Stripe delivers at least once: the same event again tells nobody anything new.
  await applyBillingWebhook(platform.app.deps, { kind: 'invoice-payment-failed', eventId: 'evt_notice_1', customerId, invoice });
  const notice = await waitForEmail(platform.database.db, { kind: 'billing-notice', to: tenant.email });
  expect(notice.subject).toBe('Payment of $49.00 failed');
  expect(notice.text).toContain('We try again on 2026-12-10.');
  expect(notice.links).toContain('https://pay.example/in_notice');
  expect(await billingNotices()).toEqual(['Payment of $49.00 failed']);
});

it('emails the owner the invoice a closed period issues, once', async () => {
  const nextMonth = new Date();
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1, 2);
  const clock = new TestClock(new Date());
  const deps = { ...platform.app.deps, clock };
  const attempt = { retryCount: 0, isLast: true, signal: new AbortController().signal };
  // This month's period opens; next month it closes into an invoice, on the first run only.
  await closeBillingPeriods({ type: 'close-billing-periods' }, attempt, { deps, deliveryLogs: {}, log: testLogger });
  clock.set(nextMonth);
  await closeBillingPeriods({ type: 'close-billing-periods' }, attempt, { deps, deliveryLogs: {}, log: testLogger });
  await closeBillingPeriods({ type: 'close-billing-periods' }, attempt, { deps, deliveryLogs: {}, log: testLogger });
  const subjects = await billingNotices();
  expect(subjects).toHaveLength(2);
  expect(subjects[1]).toMatch(new RegExp(`^Invoice OTT-${tenant.slug}-\\d{4}-\\d{2}: \\$\\d+\\.\\d{2}$`));
});
