// The local shape's stand-in for Stripe Connect, kept in PostgreSQL (local_payment_objects): accounts onboarded on a
// local page, prices, Checkout Sessions paid on a local page with Stripe's test cards, customers and subscriptions.
// Each step answers the StoreEvents Stripe would send, which the API applies through the same domain code as Stripe's
// webhooks (api/local-payments-route.ts). Subscriptions do not renew by themselves here: a period ends as paid.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { unauthenticated } from '../../domain/errors.js';
import type { Clock, LocalCheckoutSession, LocalPaymentPages, StoreAccountState, StoreCheckoutInput, StoreEvent, StorePayments, StorePriceInput, StoreSubscriptionState } from '../../ports.js';

export const LOCAL_GOOD_CARD = '4242424242424242';
export const LOCAL_DECLINED_CARD = '4000000000000002';

type Kind = 'account' | 'price' | 'checkout_session' | 'subscription' | 'customer';
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
  customerId: string | null;
  subscriptionId: string | null;
  paymentIntentId: string | null;
}
interface Subscription extends StoreSubscriptionState {
  customerId: string;
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
    return { status: subscription.status, periodStart: new Date(subscription.periodStart), periodEnd: new Date(subscription.periodEnd), cancelAtPeriodEnd: subscription.cancelAtPeriodEnd };
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
    if (card === LOCAL_DECLINED_CARD) return { outcome: 'declined' };
    if (card !== LOCAL_GOOD_CARD) return { outcome: 'not-a-test-card' };
    const found = await this.checkoutSession(sessionId);
    const session = found ? await this.get<Session>(sessionId, 'checkout_session', found.accountId) : undefined;
    if (!found || !session) return { outcome: 'not-a-test-card' };
    if (session.status === 'complete') return { outcome: 'already-paid' };
    const accountId = found.accountId;
    const now = this.clock.now();
    const customerId = this.newId('cus_local');
    await this.put(customerId, 'customer', accountId, { email: session.customerEmail });
    const events: StoreEvent[] = [];
    let subscriptionId: string | null = null;
    let paymentIntentId: string | null = null;
    let paid = session.amount;
    if (session.mode === 'subscription') {
      subscriptionId = this.newId('sub_local');
      const trial = session.trialDays > 0;
      const periodEnd = new Date(now.getTime() + (trial ? session.trialDays : session.interval === 'year' ? 365 : 30) * DAY_MS);
      const subscription: Subscription = { customerId, status: trial ? 'trialing' : 'active', periodStart: now, periodEnd, cancelAtPeriodEnd: false };
      await this.put(subscriptionId, 'subscription', accountId, subscription);
      if (trial) paid = 0;
      events.push({ ...this.eventBase(accountId), kind: 'subscription-changed', subscriptionId, ...subscription });
    } else {
      paymentIntentId = this.newId('pi_local');
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

function pick(session: Session): Omit<LocalCheckoutSession, 'id' | 'accountId'> {
  const { status, productName, amount, currency, interval, trialDays, customerEmail, successUrl, cancelUrl } = session;
  return { status, productName, amount, currency, interval, trialDays, customerEmail, successUrl, cancelUrl };
}
