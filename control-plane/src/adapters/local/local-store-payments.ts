// The local shape's stand-in for Stripe Connect, kept in PostgreSQL (local_payment_objects): accounts onboarded on a
// local page, prices, Checkout Sessions paid on a local page with Stripe's test cards, customers and subscriptions.
// Each step answers the StoreEvents Stripe would send, which the API applies through the same domain code as Stripe's
// webhooks (api/local-payments-route.ts). Subscriptions renew as Stripe's do, when the worker's renewal loop calls
// renewDue (jobs/sweeps/local-subscription-renewals.ts): the saved card is charged at each period end, a declined
// card leaves the subscription past due until the grace ends, a cancelled one ends. Those events wait in this table
// until applied, so a worker stopped in between loses none.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { unauthenticated } from '../../domain/errors.js';
import { PAST_DUE_GRACE_DAYS } from '../../domain/sales/entitlement-access.js';
import type {
  Clock,
  LocalCheckoutSession,
  LocalPaymentPages,
  StoreAccountState,
  StoreApplicationFee,
  StoreCheckoutInput,
  StoreEvent,
  StorePayments,
  StorePriceInput,
  StoreSubscriptionState,
} from '../../ports.js';

export const LOCAL_GOOD_CARD = '4242424242424242';
export const LOCAL_DECLINED_CARD = '4000000000000002';
/** Stripe's card that is saved but declined when charged (docs.stripe.com/testing, "Declined payments"). */
export const LOCAL_DECLINES_LATER_CARD = '4000000000000341';

type Kind = 'account' | 'price' | 'checkout_session' | 'subscription' | 'customer' | 'payment_intent' | 'invoice' | 'event';
interface Account {
  tenantId: string;
  chargesEnabled: boolean;
}
interface Price {
  name: string;
  amount: number;
  currency: string;
  interval: 'month' | 'year' | null;
}
interface Session extends Omit<LocalCheckoutSession, 'id' | 'accountId'> {
  mode: 'payment' | 'subscription';
  metadata: StoreCheckoutInput['metadata'];
  applicationFee: StoreCheckoutInput['applicationFee'];
  customerId: string | null;
  subscriptionId: string | null;
  paymentIntentId: string | null;
}
interface Customer {
  email: string;
  card: string;
}
/** Dates as JSON keeps them: ISO strings. */
interface Subscription extends Omit<StoreSubscriptionState, 'periodStart' | 'periodEnd'> {
  customerId: string;
  periodStart: string;
  periodEnd: string;
  amount: number;
  currency: string;
  interval: 'month' | 'year';
  feePercent: number;
}
/** A payment intent or an invoice: what was paid and the platform's fee on it. */
interface Payment {
  amount: number;
  fee: number;
}

const DAY_MS = 86_400_000;

export class LocalStorePayments implements StorePayments, LocalPaymentPages {
  readonly provider = 'local' as const;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Where the API serves the local pages (api/local-payments-route.ts). */
    private readonly apiUrl: string,
  ) {}

  async createAccount(input: { tenantId: string; email: string | null; replacing?: string }): Promise<{ accountId: string }> {
    const accountId = `acct_local_${input.tenantId.replace(/-/g, '')}${input.replacing ? `_${randomBytes(3).toString('hex')}` : ''}`;
    await this.put(accountId, 'account', null, { tenantId: input.tenantId, chargesEnabled: false } satisfies Account, { keepExisting: true });
    return { accountId };
  }

  async onboardingLink(input: { accountId: string; returnUrl: string }): Promise<{ url: string }> {
    return { url: `${this.apiUrl}/local-payments/onboard/${encodeURIComponent(input.accountId)}?${new URLSearchParams({ return: input.returnUrl }).toString()}` };
  }

  async readAccount(accountId: string): Promise<StoreAccountState> {
    const account = await this.get<Account>(accountId, 'account');
    return { accountId, chargesEnabled: account?.chargesEnabled ?? false, detailsSubmitted: account?.chargesEnabled ?? false };
  }

  async readSubscription(accountId: string, subscriptionId: string): Promise<StoreSubscriptionState> {
    const subscription = await this.get<Subscription>(subscriptionId, 'subscription', accountId);
    if (!subscription) throw new Error(`no local subscription ${subscriptionId}`);
    return stateOf(subscription);
  }

  async createPrice(input: StorePriceInput): Promise<{ productId: string; priceId: string }> {
    const priceId = `price_local_${input.offerId.replace(/-/g, '')}`;
    await this.put(priceId, 'price', input.accountId, { name: input.name, amount: input.amount, currency: input.currency, interval: input.interval } satisfies Price, { keepExisting: true });
    return { productId: `prod_local_${input.offerId.replace(/-/g, '')}`, priceId };
  }

  async createCheckout(input: StoreCheckoutInput): Promise<{ sessionId: string; url: string }> {
    const account = await this.get<Account>(input.accountId, 'account');
    if (!account?.chargesEnabled) throw new Error('This account cannot currently make charges.');
    const price = await this.get<Price>(input.priceId, 'price', input.accountId);
    if (!price) throw new Error(`No such price: ${input.priceId}`);
    if ((input.mode === 'subscription') !== (price.interval !== null)) throw new Error('A recurring price goes with subscription mode, a one-time price with payment mode.');
    const sessionId = this.newId('cs_local');
    const session: Session = {
      mode: input.mode,
      status: 'open',
      productName: price.name,
      amount: price.amount,
      currency: price.currency,
      interval: price.interval,
      trialDays: input.trialDays,
      customerEmail: input.customerEmail,
      successUrl: input.successUrl,
      cancelUrl: input.cancelUrl,
      metadata: input.metadata,
      applicationFee: input.applicationFee,
      customerId: null,
      subscriptionId: null,
      paymentIntentId: null,
    };
    await this.put(sessionId, 'checkout_session', input.accountId, session);
    return { sessionId, url: `${this.apiUrl}/local-payments/checkout/${sessionId}` };
  }

  async customerPortal(input: { accountId: string; customerId: string; returnUrl: string }): Promise<{ url: string }> {
    return {
      url: `${this.apiUrl}/local-payments/portal/${encodeURIComponent(input.accountId)}/${encodeURIComponent(input.customerId)}?${new URLSearchParams({ return: input.returnUrl }).toString()}`,
    };
  }

  parseWebhook(): StoreEvent {
    throw unauthenticated('The local payments stand-in sends no webhooks: its pages apply their events themselves.');
  }

  async applicationFeeOf(event: StoreEvent): Promise<StoreApplicationFee | undefined> {
    const paymentId =
      event.kind === 'invoice-paid' ? event.invoiceId : event.kind === 'checkout-completed' || event.kind === 'checkout-payment-succeeded' ? (event.paymentIntentId ?? event.invoiceId) : null;
    if (!paymentId) return undefined;
    const payment = (await this.get<Payment>(paymentId, 'payment_intent', event.accountId)) ?? (await this.get<Payment>(paymentId, 'invoice', event.accountId));
    return payment ? { amount: payment.fee, refunded: 0 } : undefined;
  }

  async onboard(accountId: string): Promise<StoreEvent[]> {
    const account = await this.get<Account>(accountId, 'account');
    if (!account) return [];
    await this.put(accountId, 'account', null, { ...account, chargesEnabled: true });
    return [{ ...this.eventBase(accountId), kind: 'account-updated', chargesEnabled: true, detailsSubmitted: true }];
  }

  async checkoutSession(sessionId: string): Promise<LocalCheckoutSession | undefined> {
    const row = await this.db.selectFrom('local_payment_objects').select(['account_id', 'data']).where('id', '=', sessionId).where('kind', '=', 'checkout_session').executeTakeFirst();
    if (!row?.account_id) return undefined;
    const session = row.data as unknown as Session;
    return { id: sessionId, accountId: row.account_id, ...pick(session) };
  }

  async pay(sessionId: string, cardNumber: string): Promise<{ outcome: 'paid'; events: StoreEvent[] } | { outcome: 'declined' | 'not-a-test-card' | 'already-paid' }> {
    const card = cardNumber.replace(/[\s-]/g, '');
    // 0341 is declined when charged, and Checkout charges at once.
    if (card === LOCAL_DECLINED_CARD || card === LOCAL_DECLINES_LATER_CARD) return { outcome: 'declined' };
    if (card !== LOCAL_GOOD_CARD) return { outcome: 'not-a-test-card' };
    const found = await this.checkoutSession(sessionId);
    const session = found ? await this.get<Session>(sessionId, 'checkout_session', found.accountId) : undefined;
    if (!found || !session) return { outcome: 'not-a-test-card' };
    if (session.status === 'complete') return { outcome: 'already-paid' };
    const accountId = found.accountId;
    const now = this.clock.now();
    const customerId = this.newId('cus_local');
    await this.put(customerId, 'customer', accountId, { email: session.customerEmail, card } satisfies Customer);
    const events: StoreEvent[] = [];
    let subscriptionId: string | null = null;
    let paymentIntentId: string | null = null;
    let invoiceId: string | null = null;
    let paid = session.amount;
    const fee = session.applicationFee;
    if (session.mode === 'subscription') {
      subscriptionId = this.newId('sub_local');
      const trial = session.trialDays > 0;
      const interval = session.interval ?? 'month';
      const periodEnd = trial ? new Date(now.getTime() + session.trialDays * DAY_MS) : nextPeriodEnd(now, interval);
      const subscription: Subscription = {
        customerId,
        status: trial ? 'trialing' : 'active',
        periodStart: now.toISOString(),
        periodEnd: periodEnd.toISOString(),
        cancelAtPeriodEnd: false,
        amount: session.amount,
        currency: session.currency,
        interval,
        feePercent: 'percent' in fee ? fee.percent : 0,
      };
      await this.put(subscriptionId, 'subscription', accountId, subscription);
      if (trial) paid = 0;
      invoiceId = this.newId('in_local');
      await this.put(invoiceId, 'invoice', accountId, { amount: paid, fee: percentOf(paid, subscription.feePercent) } satisfies Payment);
      events.push({ ...this.eventBase(accountId), kind: 'subscription-changed', subscriptionId, ...stateOf(subscription) });
    } else {
      paymentIntentId = this.newId('pi_local');
      await this.put(paymentIntentId, 'payment_intent', accountId, { amount: paid, fee: 'amount' in fee ? Math.min(fee.amount, paid) : 0 } satisfies Payment);
    }
    await this.put(sessionId, 'checkout_session', accountId, { ...session, status: 'complete', customerId, subscriptionId, paymentIntentId });
    events.push({
      ...this.eventBase(accountId),
      kind: 'checkout-completed',
      sessionId,
      metadata: session.metadata,
      paid: true,
      subscriptionId,
      paymentIntentId,
      invoiceId,
      customerId,
      customerEmail: session.customerEmail,
      amountTotal: paid,
      currency: session.currency,
    });
    return { outcome: 'paid', events };
  }

  async cancelAtPeriodEnd(accountId: string, customerId: string): Promise<StoreEvent[]> {
    const rows = await this.db.selectFrom('local_payment_objects').select(['id', 'data']).where('kind', '=', 'subscription').where('account_id', '=', accountId).execute();
    const events: StoreEvent[] = [];
    for (const row of rows) {
      const subscription = row.data as unknown as Subscription;
      if (subscription.customerId !== customerId || subscription.status === 'ended') continue;
      const changed = { ...subscription, cancelAtPeriodEnd: true };
      await this.put(row.id, 'subscription', accountId, changed);
      events.push({ ...this.eventBase(accountId), kind: 'subscription-changed', subscriptionId: row.id, ...(await this.readSubscription(accountId, row.id)) });
    }
    return events;
  }

  async changeCard(accountId: string, customerId: string, cardNumber: string): Promise<'saved' | 'declined' | 'not-a-test-card'> {
    const card = cardNumber.replace(/[\s-]/g, '');
    // As at Stripe, the always-declined card cannot even be saved; 0341 is saved, then declined when charged.
    if (card === LOCAL_DECLINED_CARD) return 'declined';
    if (card !== LOCAL_GOOD_CARD && card !== LOCAL_DECLINES_LATER_CARD) return 'not-a-test-card';
    const customer = await this.get<Customer>(customerId, 'customer', accountId);
    if (!customer) return 'not-a-test-card';
    await this.put(customerId, 'customer', accountId, { ...customer, card } satisfies Customer);
    return 'saved';
  }

  async renewDue(now: Date): Promise<void> {
    const stamp = Date.now().toString(16).padStart(12, '0');
    let made = 0;
    await this.db.transaction().execute(async (trx) => {
      // Locked and skipped: workers renewing at once each take other subscriptions, and none is charged twice.
      const due = await trx
        .selectFrom('local_payment_objects')
        .select(['id', 'account_id', 'data'])
        .where('kind', '=', 'subscription')
        .where(sql<boolean>`data->>'status' in ('active', 'trialing', 'past_due') and (data->>'periodEnd')::timestamptz <= ${now}`)
        .orderBy('id')
        .limit(100)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of due) {
        const accountId = row.account_id ?? '';
        const subscription = row.data as unknown as Subscription;
        const customer = await trx.selectFrom('local_payment_objects').select('data').where('id', '=', subscription.customerId).where('kind', '=', 'customer').executeTakeFirst();
        const card = (customer?.data as unknown as Customer | undefined)?.card;
        const next = renewal(subscription, card, now);
        if (!next) continue;
        const events: StoreEvent[] = [];
        // Ids that sort in the order made: delivered as Stripe usually sends them (the invoice, then the subscription).
        const base = () => ({ eventId: this.newId(`evt_local_${stamp}${String((made += 1)).padStart(5, '0')}`), accountId, createdAt: now });
        if (next.invoice) {
          const invoiceId = this.newId('in_local');
          await trx
            .insertInto('local_payment_objects')
            .values({ id: invoiceId, kind: 'invoice', account_id: accountId, data: JSON.stringify(next.invoice) })
            .execute();
          const state = stateOf(next.subscription);
          events.push({
            ...base(),
            kind: 'invoice-paid',
            subscriptionId: row.id,
            invoiceId,
            periodStart: state.periodStart,
            periodEnd: state.periodEnd,
            amountPaid: next.invoice.amount,
            currency: subscription.currency,
          });
        }
        if (next.declined) events.push({ ...base(), kind: 'invoice-payment-failed', subscriptionId: row.id, nextAttemptAt: new Date(now.getTime() + DAY_MS) });
        events.push({ ...base(), kind: 'subscription-changed', subscriptionId: row.id, ...stateOf(next.subscription) });
        await trx
          .updateTable('local_payment_objects')
          .set({ data: JSON.stringify(next.subscription) })
          .where('id', '=', row.id)
          .execute();
        await trx
          .insertInto('local_payment_objects')
          .values(events.map((event) => ({ id: event.eventId, kind: 'event' as const, account_id: accountId, data: JSON.stringify(event) })))
          .execute();
      }
    });
  }

  async undeliveredEvents(): Promise<{ id: string; event: StoreEvent }[]> {
    const rows = await this.db.selectFrom('local_payment_objects').select(['id', 'data']).where('kind', '=', 'event').orderBy('created_at').orderBy('id').limit(500).execute();
    return rows.map((row) => ({ id: row.id, event: storeEventOf(row.data) }));
  }

  async delivered(id: string): Promise<void> {
    await this.db.deleteFrom('local_payment_objects').where('id', '=', id).where('kind', '=', 'event').execute();
  }

  private eventBase(accountId: string) {
    return { eventId: this.newId('evt_local'), accountId, createdAt: this.clock.now() };
  }

  private newId(prefix: string): string {
    return `${prefix}_${randomBytes(12).toString('hex')}`;
  }

  private async get<T>(id: string, kind: Kind, accountId?: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom('local_payment_objects')
      .select('data')
      .where('id', '=', id)
      .where('kind', '=', kind)
      .$if(accountId !== undefined, (query) => query.where('account_id', '=', accountId ?? ''))
      .executeTakeFirst();
    return row ? (row.data as unknown as T) : undefined;
  }

  private async put(id: string, kind: Kind, accountId: string | null, data: object, options: { keepExisting?: boolean } = {}): Promise<void> {
    const json = JSON.stringify(data);
    await this.db
      .insertInto('local_payment_objects')
      .values({ id, kind, account_id: accountId, data: json })
      .onConflict((conflict) => (options.keepExisting ? conflict.column('id').doNothing() : conflict.column('id').doUpdateSet({ data: json })))
      .execute();
  }
}

function stateOf(subscription: Subscription): StoreSubscriptionState {
  return { status: subscription.status, periodStart: new Date(subscription.periodStart), periodEnd: new Date(subscription.periodEnd), cancelAtPeriodEnd: subscription.cancelAtPeriodEnd };
}

/**
 * A due subscription at `now`: cancelled at period end, it ends; the saved card pays the next period (also a past-due
 * one, retried until its grace is over); declined, it goes past due once, and ends when the grace has passed without a
 * payment. Undefined: nothing changes yet.
 */
function renewal(subscription: Subscription, card: string | undefined, now: Date): { subscription: Subscription; invoice?: Payment; declined?: true } | undefined {
  const periodEnd = new Date(subscription.periodEnd);
  const graceOver = now.getTime() >= periodEnd.getTime() + PAST_DUE_GRACE_DAYS * DAY_MS;
  if (subscription.cancelAtPeriodEnd || (subscription.status === 'past_due' && graceOver)) return { subscription: { ...subscription, status: 'ended' } };
  if (card === LOCAL_GOOD_CARD) {
    const invoice = { amount: subscription.amount, fee: percentOf(subscription.amount, subscription.feePercent) };
    return { subscription: { ...subscription, status: 'active', periodStart: periodEnd.toISOString(), periodEnd: nextPeriodEnd(periodEnd, subscription.interval).toISOString() }, invoice };
  }
  return subscription.status === 'past_due' ? undefined : { subscription: { ...subscription, status: 'past_due' }, declined: true };
}

function nextPeriodEnd(start: Date, interval: 'month' | 'year'): Date {
  return new Date(start.getTime() + (interval === 'year' ? 365 : 30) * DAY_MS);
}

function percentOf(amount: number, percent: number): number {
  return Math.round((amount * percent) / 100);
}

/** A StoreEvent read back from JSON: its dates were written as ISO strings. */
function storeEventOf(data: Record<string, unknown>): StoreEvent {
  const revived: Record<string, unknown> = { ...data };
  for (const key of ['createdAt', 'periodStart', 'periodEnd', 'nextAttemptAt']) if (typeof revived[key] === 'string') revived[key] = new Date(revived[key]);
  return revived as unknown as StoreEvent;
}

function pick(session: Session): Omit<LocalCheckoutSession, 'id' | 'accountId'> {
  const { status, productName, amount, currency, interval, trialDays, customerEmail, successUrl, cancelUrl } = session;
  return { status, productName, amount, currency, interval, trialDays, customerEmail, successUrl, cancelUrl };
}
