// The events the platform records for a tenant's endpoints beyond a video's transcode (webhook-worker.test.ts covers
// those): viewers invited and removed (never the temporary password), an upload that expired (before the video's
// failure), and the billing standing when a payment fails and when it is paid, once per change.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyBillingWebhook } from '../../src/domain/billing/billing-webhooks.js';
import { expireUnfinishedUploads } from '../../src/domain/videos/upload-expiry.js';
import { signUpActiveTenant } from '../support/tenants.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { invitedViewerPassword } from '../support/mailbox.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
let tenantId: string;

/** The tenant's events since `after`, as the outbox holds them. */
async function eventsAfter(after: Date) {
  // In the order the endpoint receives them: its deliveries' insertion order.
  const rows = await platform.database.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select(['e.type', 'e.ordering_key', 'e.payload'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.created_at', '>', after)
    .orderBy('d.seq')
    .execute();
  return rows.map((row) => ({ type: row.type, orderingKey: row.ordering_key, data: (row.payload as { data: Record<string, unknown> }).data }));
}

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'events');
  tenantId = (await tenant.admin.tenants.me()).id;
  // An endpoint for every type: events are recorded only for tenants with a subscribed endpoint. Its address is
  // private, so the worker's attempts are refused at once, without leaving the machine.
  await tenant.admin.webhooks.create({ url: 'http://10.255.0.2/hook' });
});
afterAll(() => platform?.close());

it('records viewer.invited and viewer.removed without the temporary password', async () => {
  const since = new Date(Date.now() - 1);
  const invited = await tenant.admin.viewers.invite({ email: 'fan@events.example' });
  await tenant.admin.viewers.remove({ viewerId: invited.viewerId });
  const events = await eventsAfter(since);
  expect(events).toEqual([
    { type: 'viewer.invited', orderingKey: null, data: { viewerId: invited.viewerId, email: 'fan@events.example' } },
    { type: 'viewer.removed', orderingKey: null, data: { viewerId: invited.viewerId } },
  ]);
  expect(JSON.stringify(events)).not.toContain(await invitedViewerPassword(platform.database.db, 'fan@events.example'));
});

it('records upload.expired before video.failed when an upload runs out of time', async () => {
  const since = new Date(Date.now() - 1);
  const { videoId } = await tenant.admin.videos.createUpload({ filename: 'never-finished.mp4', size: 1000 });
  await platform.database.db
    .updateTable('videos')
    .set({ upload_expires_at: new Date(Date.now() - 1000) })
    .where('id', '=', videoId)
    .execute();
  await expireUnfinishedUploads(platform.app.deps);
  const events = (await eventsAfter(since)).filter((event) => event.orderingKey === videoId);
  expect(events.map((event) => event.type)).toEqual(['video.created', 'upload.created', 'upload.expired', 'video.failed']);
  expect(events[3]?.data).toMatchObject({ id: videoId, status: 'failed', failureReason: expect.stringContaining('not finished') });
});

it('records billing.standing_changed when a payment fails and when it is paid, once per change', async () => {
  // The account a checkout would have made: the provider's customer the webhooks name.
  const account = await platform.database.db
    .insertInto('billing_accounts')
    .values({ tenant_id: tenantId, provider: platform.app.deps.billing.provider, customer_id: 'cus_events', updated_at: new Date() })
    .onConflict((conflict) => conflict.column('tenant_id').doUpdateSet({ customer_id: 'cus_events' }))
    .returning('customer_id')
    .executeTakeFirstOrThrow();
  const invoice = { id: 'in_events', amountDueCents: 4900, hostedUrl: null, periodStart: null, periodEnd: null, nextAttemptAt: null };
  const since = new Date(Date.now() - 1);
  const deps = platform.app.deps;
  await applyBillingWebhook(deps, { kind: 'invoice-payment-failed', eventId: 'evt_fail_1', customerId: account.customer_id, invoice });
  await applyBillingWebhook(deps, { kind: 'invoice-payment-failed', eventId: 'evt_fail_2', customerId: account.customer_id, invoice });
  await applyBillingWebhook(deps, { kind: 'invoice-paid', eventId: 'evt_paid', customerId: account.customer_id, invoice });
  const events = (await eventsAfter(since)).filter((event) => event.type === 'billing.standing_changed');
  expect(events.map((event) => event.data)).toEqual([
    expect.objectContaining({ status: 'past_due', previousStatus: 'active', uploadsAllowed: true }),
    expect.objectContaining({ status: 'active', previousStatus: 'past_due', pastDueSince: null }),
  ]);
});
