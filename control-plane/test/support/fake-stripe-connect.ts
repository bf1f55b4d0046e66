// Stripe Connect at the HTTP boundary, for driving the real `stripe` SDK in the sales tests: Express accounts and their
// onboarding links, and on a connected account (the Stripe-Account header) products, prices, Checkout Sessions with
// application fees, subscriptions and billing-portal sessions. What a viewer and Stripe do afterwards — paying at
// Checkout (4242… succeeds, 4000 0000 0000 0002 is declined), renewals, cancellations, refunds, disputes, the tenant
// deauthorising the platform — are methods that change the fake's state and return the Connect event Stripe would send,
// signed like Stripe signs it (the SDK's constructEvent accepts it). A delayed payment method (a SEPA debit) completes
// Checkout unpaid and settles later with checkout.session.async_payment_succeeded or _failed
// (docs.stripe.com/checkout/fulfillment, "delayed notification payment methods").
//
// Application fees, as Stripe keeps them: an Application Fee object on the platform's account per paid charge
// (GET /v1/application_fees/{id} without Stripe-Account; docs.stripe.com/api/application_fees), the fee on each
// PaymentIntent (application_fee_amount), and an invoice's fee on the PaymentIntents of its payments (an invoice has
// no application_fee_amount since API version 2025-03-31.basil; `payments` is included only when expanded). A refund
// returns the fee only when asked (refund_application_fee: all of it on a full refund, in proportion on a partial one;
// docs.stripe.com/api/refunds/create).
//
// Rules it keeps, from docs.stripe.com/api/checkout/sessions/create and docs.stripe.com/connect/direct-charges:
// `payment_intent_data` (and its application_fee_amount) only in payment mode; `subscription_data` only in
// subscription mode; application fees only on a request made for a connected account (Stripe-Account header);
// application_fee_percent between 0 and 100 with at most two decimals; the fee no more than the price; a recurring
// price in subscription mode and a one-time price in payment mode; a price of another account is unknown.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Stripe from 'stripe';
import { header, id, ok, parseForm, readBody, reply, serveFake, stripeError, type Answer, type Json } from './fake-stripe.js';

export const CONNECT_WEBHOOK_SECRET = 'whsec_connect_test';
export const GOOD_CARD = '4242424242424242';
export const DECLINED_CARD = '4000000000000002';

const DAY = 86_400;

interface Account {
  id: string;
  email: string | null;
  charges_enabled: boolean;
  details_submitted: boolean;
  metadata: Json;
  deauthorized: boolean;
}

export interface ConnectRequest {
  method: string;
  path: string;
  account: string | undefined;
  params: Json;
}

export interface SignedEvent {
  event: Json;
  body: Buffer;
  signature: string;
}

export class FakeStripeConnect {
  readonly requests: ConnectRequest[] = [];
  readonly accounts = new Map<string, Account>();
  /** Per connected account: its objects by id. */
  private readonly objects = new Map<string, Map<string, Json>>();
  /** Application fees the platform collected, on its own account: one per paid charge or invoice. */
  readonly applicationFees = new Map<string, { id: string; object: 'application_fee'; account: string; amount: number; amount_refunded: number; refunded: boolean; charge: string }>();
  url = '';
  private closeServer: () => Promise<void> = async () => {};
  private readonly replays = new Map<string, Answer>();
  private readonly stripe = new Stripe('sk_test_signer');

  private constructor(private readonly now: () => number) {}

  static async start(options: { now?: () => number } = {}): Promise<FakeStripeConnect> {
    const fake = new FakeStripeConnect(options.now ?? Date.now);
    const served = await serveFake((request, response) => fake.handle(request, response));
    fake.url = served.url;
    fake.closeServer = served.close;
    return fake;
  }

  close(): Promise<void> {
    return this.closeServer();
  }

  requestsTo(method: string, path: string): ConnectRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  object(account: string, objectId: string): Json {
    const found = this.objects.get(account)?.get(objectId);
    if (!found) throw new Error(`no ${objectId} on ${account}`);
    return found;
  }

  /** The Checkout Sessions made on an account, oldest first. */
  sessionIds(accountId: string): string[] {
    return [...(this.objects.get(accountId)?.values() ?? [])].filter((object) => object.object === 'checkout.session').map((object) => String(object.id));
  }

  /** The tenant finished onboarding: charges enabled; the `account.updated` Stripe sends. */
  completeOnboarding(accountId: string): SignedEvent {
    const account = this.accountOf(accountId);
    account.charges_enabled = true;
    account.details_submitted = true;
    return this.event(accountId, 'account.updated', this.accountJson(account));
  }

  /** The tenant removed the platform in its Stripe dashboard. */
  deauthorize(accountId: string): SignedEvent {
    this.accountOf(accountId).deauthorized = true;
    return this.event(accountId, 'account.application.deauthorized', { id: id('ca'), object: 'application', name: 'OTT Cloud' });
  }

  /**
   * The viewer pays at Checkout with this card. Declined: no event (the viewer stays on Checkout). Paid: the events
   * Stripe sends, in its usual order (subscription created and first invoice paid before the session completes).
   */
  payCheckout(accountId: string, sessionId: string, card: string): { declined: true } | { declined: false; events: SignedEvent[]; session: Json } {
    if (card === DECLINED_CARD) return { declined: true };
    if (card !== GOOD_CARD) throw new Error(`unknown test card ${card}`);
    return { declined: false, ...this.completeCheckout(accountId, sessionId, 'paid') };
  }

  /**
   * The viewer pays at Checkout with a SEPA debit: the session completes unpaid (its payment processing), and the
   * money arrives — or not — days later (settleBankDebit).
   */
  payCheckoutByBankDebit(accountId: string, sessionId: string): { events: SignedEvent[]; session: Json } {
    return this.completeCheckout(accountId, sessionId, 'processing');
  }

  /** The bank debit of a session that completed unpaid settles: async_payment_succeeded, or async_payment_failed. */
  settleBankDebit(accountId: string, sessionId: string, outcome: 'succeeded' | 'failed'): SignedEvent {
    const session = this.object(accountId, sessionId);
    if (session.status !== 'complete' || session.payment_status !== 'unpaid') throw new Error(`session ${sessionId} is not waiting for a delayed payment`);
    const intent = this.object(accountId, String(session.payment_intent));
    if (outcome === 'failed') {
      intent.status = 'requires_payment_method';
      return this.event(accountId, 'checkout.session.async_payment_failed', session);
    }
    this.chargeFor(accountId, session, intent);
    session.payment_status = 'paid';
    return this.event(accountId, 'checkout.session.async_payment_succeeded', session);
  }

  private completeCheckout(accountId: string, sessionId: string, payment: 'paid' | 'processing'): { events: SignedEvent[]; session: Json } {
    const session = this.object(accountId, sessionId);
    const price = this.object(accountId, String((session.line_items as Json[])[0]?.price));
    const customer = { id: id('cus'), object: 'customer', email: session.customer_email };
    this.store(accountId, customer);
    const events: SignedEvent[] = [];
    const created = this.seconds();
    Object.assign(session, { status: 'complete', customer: customer.id, customer_details: { email: session.customer_email } });
    if (session.mode === 'subscription') {
      const data = (session.subscription_data ?? {}) as Json;
      const trialDays = Number(data.trial_period_days ?? 0);
      const end = trialDays > 0 ? created + trialDays * DAY : created + this.intervalSeconds(price);
      const subscription = {
        id: id('sub'),
        object: 'subscription',
        customer: customer.id,
        status: trialDays > 0 ? 'trialing' : 'active',
        cancel_at_period_end: false,
        application_fee_percent: data.application_fee_percent === undefined ? null : Number(data.application_fee_percent),
        metadata: data.metadata ?? {},
        items: { object: 'list', data: [{ id: id('si'), object: 'subscription_item', price, current_period_start: created, current_period_end: end }] },
      };
      this.store(accountId, subscription);
      const paid = this.invoicePaid(accountId, subscription, trialDays > 0 ? 0 : Number(price.unit_amount), created, end);
      Object.assign(session, {
        subscription: subscription.id,
        invoice: (paid.event.data as Json & { object: Json }).object.id,
        payment_status: trialDays > 0 ? 'no_payment_required' : 'paid',
        amount_total: trialDays > 0 ? 0 : price.unit_amount,
      });
      events.push(this.event(accountId, 'customer.subscription.created', subscription));
      events.push(paid);
    } else {
      const fee = ((session.payment_intent_data ?? {}) as Json).application_fee_amount;
      const intent = {
        id: id('pi'),
        object: 'payment_intent',
        amount: price.unit_amount,
        amount_received: 0,
        application_fee_amount: fee === undefined ? null : Number(fee),
        currency: price.currency,
        status: 'processing',
        metadata: ((session.payment_intent_data ?? {}) as Json).metadata ?? {},
      };
      this.store(accountId, intent);
      Object.assign(session, { payment_intent: intent.id, payment_status: 'unpaid', amount_total: price.unit_amount });
      if (payment === 'paid') {
        this.chargeFor(accountId, session, intent);
        session.payment_status = 'paid';
      }
    }
    events.push(this.event(accountId, 'checkout.session.completed', session));
    return { events, session };
  }

  /** The money arrived: the charge on the connected account, and the platform's application fee on its own. */
  private chargeFor(accountId: string, session: Json, intent: Json): void {
    const chargeId = id('ch');
    const feeAmount = typeof intent.application_fee_amount === 'number' ? intent.application_fee_amount : 0;
    const fee = feeAmount > 0 ? this.collectFee(accountId, feeAmount, chargeId) : null;
    this.store(accountId, {
      id: chargeId,
      object: 'charge',
      amount: intent.amount,
      amount_refunded: 0,
      refunded: false,
      payment_intent: intent.id,
      currency: session.currency,
      application_fee: fee,
      application_fee_amount: feeAmount > 0 ? feeAmount : null,
    });
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
  }

  private collectFee(accountId: string, amount: number, charge: string): string {
    const fee = { id: id('fee'), object: 'application_fee' as const, account: accountId, amount, amount_refunded: 0, refunded: false, charge };
    this.applicationFees.set(fee.id, fee);
    return fee.id;
  }

  /** The next period: paid (invoice.paid, period extended) or declined (invoice.payment_failed, then past_due). */
  renew(accountId: string, subscriptionId: string, card: string): SignedEvent[] {
    const subscription = this.object(accountId, subscriptionId);
    const item = this.itemOf(subscription);
    const start = Number(item.current_period_end);
    const end = start + this.intervalSeconds(item.price as Json);
    if (card === DECLINED_CARD) {
      subscription.status = 'past_due';
      const invoice = {
        id: id('in'),
        object: 'invoice',
        amount_paid: 0,
        amount_due: (item.price as Json).unit_amount,
        currency: (item.price as Json).currency,
        next_payment_attempt: this.seconds() + 3 * DAY,
        parent: subscriptionParent(subscriptionId),
        lines: { object: 'list', data: [] },
        period_start: start,
        period_end: end,
      };
      return [this.event(accountId, 'invoice.payment_failed', invoice), this.event(accountId, 'customer.subscription.updated', subscription)];
    }
    Object.assign(item, { current_period_start: start, current_period_end: end });
    subscription.status = 'active';
    return [this.invoicePaid(accountId, subscription, Number((item.price as Json).unit_amount), start, end), this.event(accountId, 'customer.subscription.updated', subscription)];
  }

  /** The viewer cancels in the customer portal: at period end. */
  cancelAtPeriodEnd(accountId: string, subscriptionId: string): SignedEvent {
    const subscription = this.object(accountId, subscriptionId);
    subscription.cancel_at_period_end = true;
    return this.event(accountId, 'customer.subscription.updated', subscription);
  }

  /** The period ended after a cancellation, or Stripe gave up retrying a declined card. */
  endSubscription(accountId: string, subscriptionId: string): SignedEvent {
    const subscription = this.object(accountId, subscriptionId);
    subscription.status = 'canceled';
    return this.event(accountId, 'customer.subscription.deleted', subscription);
  }

  /** The tenant refunds `amount` (all that is left, when not given), returning the platform's fee in proportion when asked. */
  refund(accountId: string, paymentIntentId: string, amount?: number, options: { refundApplicationFee?: boolean } = {}): SignedEvent {
    const charge = this.chargeOf(accountId, paymentIntentId);
    const refunding = Math.min(Number(charge.amount) - Number(charge.amount_refunded), amount ?? Number(charge.amount));
    charge.amount_refunded = Number(charge.amount_refunded) + refunding;
    charge.refunded = charge.amount_refunded === charge.amount;
    const fee = typeof charge.application_fee === 'string' ? this.applicationFees.get(charge.application_fee) : undefined;
    if (fee && options.refundApplicationFee) {
      fee.amount_refunded = charge.refunded ? fee.amount : Math.min(fee.amount, fee.amount_refunded + Math.round((fee.amount * refunding) / Number(charge.amount)));
      fee.refunded = fee.amount_refunded === fee.amount;
    }
    return this.event(accountId, 'charge.refunded', charge);
  }

  dispute(accountId: string, paymentIntentId: string): SignedEvent {
    const charge = this.chargeOf(accountId, paymentIntentId);
    return this.event(accountId, 'charge.dispute.created', { id: id('dp'), object: 'dispute', charge: charge.id, payment_intent: paymentIntentId, amount: charge.amount, status: 'needs_response' });
  }

  /** Any event, signed with `secret` (another endpoint's secret makes a forgery). */
  event(accountId: string | null, type: string, object: Json, secret = CONNECT_WEBHOOK_SECRET): SignedEvent {
    const event = {
      id: id('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: this.seconds(),
      type,
      account: accountId,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null },
      data: { object: structuredClone(object) },
    };
    const payload = JSON.stringify(event);
    return { event, body: Buffer.from(payload), signature: this.stripe.webhooks.generateTestHeaderString({ payload, secret }) };
  }

  private invoicePaid(accountId: string, subscription: Json, amount: number, start: number, end: number): SignedEvent {
    const percent = subscription.application_fee_percent;
    const price = this.itemOf(subscription).price as Json;
    const feeAmount = typeof percent === 'number' && amount > 0 ? Math.round((amount * percent) / 100) : 0;
    const invoiceId = id('in');
    const payments: Json[] = [];
    if (amount > 0) {
      const chargeId = id('ch');
      const intent = this.store(accountId, {
        id: id('pi'),
        object: 'payment_intent',
        amount,
        amount_received: amount,
        application_fee_amount: feeAmount > 0 ? feeAmount : null,
        currency: price.currency,
        status: 'succeeded',
        latest_charge: chargeId,
      });
      if (feeAmount > 0) this.collectFee(accountId, feeAmount, chargeId);
      payments.push({ id: id('inpay'), object: 'invoice_payment', invoice: invoiceId, status: 'paid', amount_paid: amount, payment: { type: 'payment_intent', payment_intent: intent.id } });
    }
    const invoice = {
      id: invoiceId,
      object: 'invoice',
      amount_paid: amount,
      amount_due: amount,
      currency: price.currency,
      next_payment_attempt: null,
      parent: subscriptionParent(String(subscription.id)),
      lines: { object: 'list', data: [{ id: id('il'), object: 'line_item', amount, period: { start, end } }] },
      period_start: start,
      period_end: end,
    };
    this.store(accountId, { ...invoice, payments: { object: 'list', data: payments } });
    return this.event(accountId, 'invoice.paid', invoice);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stripe');
    const body = await readBody(request);
    const params = parseForm(request.method === 'GET' ? url.searchParams : new URLSearchParams(body));
    const received: ConnectRequest = { method: request.method ?? '', path: url.pathname, account: header(request, 'stripe-account'), params };
    this.requests.push(received);
    if (!/^Bearer sk_(test|live)_/.test(header(request, 'authorization') ?? '')) return reply(response, stripeError(401, 'invalid_request_error', 'Invalid API Key provided.'));
    const key = header(request, 'idempotency-key');
    const replayKey = received.method === 'POST' && key ? `${received.account ?? ''}|${received.path}|${key}` : undefined;
    const replayed = replayKey ? this.replays.get(replayKey) : undefined;
    if (replayed) return reply(response, replayed);
    const answer = this.route(received);
    if (replayKey && answer.status < 500) this.replays.set(replayKey, answer);
    reply(response, answer);
  }

  private route(request: ConnectRequest): Answer {
    const p = request.params;
    const accountPath = /^\/v1\/accounts\/([^/]+)$/.exec(request.path);
    if (accountPath && request.method === 'GET') {
      const account = this.accounts.get(decodeURIComponent(accountPath[1] ?? ''));
      return account ? ok(this.accountJson(account)) : stripeError(404, 'invalid_request_error', 'No such account.');
    }
    if (request.method === 'POST' && request.path === '/v1/accounts') {
      if (p.type !== 'express') return stripeError(400, 'invalid_request_error', 'This fake only makes Express accounts.');
      const account: Account = {
        id: id('acct'),
        email: typeof p.email === 'string' ? p.email : null,
        charges_enabled: false,
        details_submitted: false,
        metadata: (p.metadata ?? {}) as Json,
        deauthorized: false,
      };
      this.accounts.set(account.id, account);
      this.objects.set(account.id, new Map());
      return ok(this.accountJson(account));
    }
    if (request.method === 'POST' && request.path === '/v1/account_links') {
      const account = this.accounts.get(String(p.account));
      if (!account) return stripeError(400, 'invalid_request_error', 'No such account.');
      if (p.type !== 'account_onboarding' || typeof p.return_url !== 'string' || typeof p.refresh_url !== 'string')
        return stripeError(400, 'invalid_request_error', 'account_links need type, return_url and refresh_url.');
      return ok({ object: 'account_link', url: `https://connect.stripe.test/setup/e/${account.id}/${id('link')}`, created: this.seconds(), expires_at: this.seconds() + 300 });
    }
    // Everything else acts on a connected account.
    const accountId = request.account;
    const connected = accountId ? this.accounts.get(accountId) : undefined;
    if (!accountId) return this.platformOnly(request);
    if (!connected || connected.deauthorized) return stripeError(403, 'permission_error', `The provided key does not have access to account '${accountId}' (or that account does not exist).`);
    const subscriptionPath = /^\/v1\/subscriptions\/([^/]+)$/.exec(request.path);
    if (subscriptionPath && request.method === 'GET') {
      const subscription = this.objects.get(accountId)?.get(decodeURIComponent(subscriptionPath[1] ?? ''));
      return subscription ? ok(subscription) : stripeError(404, 'invalid_request_error', 'No such subscription.');
    }
    const intentPath = /^\/v1\/payment_intents\/([^/]+)$/.exec(request.path);
    if (intentPath && request.method === 'GET') {
      const intent = this.objects.get(accountId)?.get(decodeURIComponent(intentPath[1] ?? ''));
      return intent?.object === 'payment_intent' ? ok(intent) : stripeError(404, 'invalid_request_error', `No such payment_intent: '${intentPath[1] ?? ''}'`, 'resource_missing');
    }
    const invoicePath = /^\/v1\/invoices\/([^/]+)$/.exec(request.path);
    if (invoicePath && request.method === 'GET') {
      const invoice = this.objects.get(accountId)?.get(decodeURIComponent(invoicePath[1] ?? ''));
      if (invoice?.object !== 'invoice') return stripeError(404, 'invalid_request_error', `No such invoice: '${invoicePath[1] ?? ''}'`, 'resource_missing');
      return ok(this.invoiceJson(accountId, invoice, Array.isArray(p.expand) ? p.expand.map(String) : []));
    }
    switch (`${request.method} ${request.path}`) {
      case 'POST /v1/products': {
        if (typeof p.name !== 'string' || p.name === '') return stripeError(400, 'invalid_request_error', 'Missing required param: name.');
        return ok(this.store(accountId, { id: id('prod'), object: 'product', name: p.name, metadata: p.metadata ?? {} }));
      }
      case 'POST /v1/prices': {
        if (!this.objects.get(accountId)?.has(String(p.product))) return stripeError(400, 'invalid_request_error', `No such product: '${String(p.product)}'`);
        if (!/^\d+$/.test(String(p.unit_amount))) return stripeError(400, 'invalid_request_error', 'unit_amount must be a whole number.');
        const recurring = p.recurring as Json | undefined;
        return ok(
          this.store(accountId, {
            id: id('price'),
            object: 'price',
            product: p.product,
            unit_amount: Number(p.unit_amount),
            currency: p.currency,
            recurring: recurring ? { interval: recurring.interval } : null,
            type: recurring ? 'recurring' : 'one_time',
            metadata: p.metadata ?? {},
          }),
        );
      }
      case 'POST /v1/checkout/sessions':
        return this.createSession(accountId, connected, p);
      case 'POST /v1/billing_portal/sessions': {
        if (!this.objects.get(accountId)?.has(String(p.customer))) return stripeError(400, 'invalid_request_error', `No such customer: '${String(p.customer)}'`);
        return ok({ id: id('bps'), object: 'billing_portal.session', customer: p.customer, return_url: p.return_url, url: `https://billing.stripe.test/p/session/${id('test')}` });
      }
      default:
        return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.path}).`);
    }
  }

  private createSession(accountId: string, account: Account, p: Json): Answer {
    if (!account.charges_enabled) return stripeError(400, 'invalid_request_error', 'This account cannot currently make live charges.');
    const mode = p.mode;
    if (mode !== 'payment' && mode !== 'subscription') return stripeError(400, 'invalid_request_error', 'mode must be payment or subscription here.');
    if (typeof p.success_url !== 'string') return stripeError(400, 'invalid_request_error', 'Missing required param: success_url.');
    const items = Array.isArray(p.line_items) ? (p.line_items as Json[]) : [];
    const price = items[0] ? this.objects.get(accountId)?.get(String(items[0].price)) : undefined;
    if (!price) return stripeError(400, 'invalid_request_error', `No such price: '${String(items[0]?.price)}'`);
    if (mode === 'subscription' && price.type !== 'recurring')
      return stripeError(400, 'invalid_request_error', 'You must provide at least one recurring price in `subscription` mode when using prices.');
    if (mode === 'payment' && price.type === 'recurring')
      return stripeError(400, 'invalid_request_error', 'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.');
    if (mode === 'subscription' && p.payment_intent_data !== undefined) return stripeError(400, 'invalid_request_error', 'You can not pass `payment_intent_data` in `subscription` mode.');
    if (mode === 'payment' && p.subscription_data !== undefined) return stripeError(400, 'invalid_request_error', 'You can not pass `subscription_data` in `payment` mode.');
    const fee = ((p.payment_intent_data ?? {}) as Json).application_fee_amount;
    if (fee !== undefined && (!/^\d+$/.test(String(fee)) || Number(fee) > Number(price.unit_amount)))
      return stripeError(400, 'invalid_request_error', 'application_fee_amount must be a whole number no larger than the amount.');
    const percent = ((p.subscription_data ?? {}) as Json).application_fee_percent;
    if (percent !== undefined && (!/^\d{1,3}(\.\d{1,2})?$/.test(String(percent)) || Number(percent) > 100))
      return stripeError(400, 'invalid_request_error', 'application_fee_percent must be between 0 and 100 with at most two decimals.');
    const trial = ((p.subscription_data ?? {}) as Json).trial_period_days;
    if (trial !== undefined && !(/^\d+$/.test(String(trial)) && Number(trial) >= 1 && Number(trial) <= 730))
      return stripeError(400, 'invalid_request_error', 'trial_period_days must be between 1 and 730.');
    const session = {
      id: id('cs_test'),
      object: 'checkout.session',
      mode,
      status: 'open',
      payment_status: 'unpaid',
      url: `https://checkout.stripe.test/c/pay/${id('cs_test')}`,
      line_items: items,
      customer: null,
      customer_email: p.customer_email ?? null,
      customer_details: null,
      allow_promotion_codes: p.allow_promotion_codes === 'true',
      metadata: p.metadata ?? {},
      payment_intent_data: p.payment_intent_data,
      subscription_data: p.subscription_data,
      subscription: null,
      payment_intent: null,
      amount_total: price.unit_amount,
      currency: price.currency,
      success_url: p.success_url,
      cancel_url: p.cancel_url ?? null,
    };
    return ok(this.store(accountId, session));
  }

  /** `payments` is includable: only there when expanded, and its payment intents only when expanded too. */
  private invoiceJson(accountId: string, invoice: Json, expand: string[]): Json {
    const { payments, ...rest } = invoice;
    if (!expand.some((path) => path === 'payments' || path.startsWith('payments.'))) return rest;
    const expandIntents = expand.includes('payments.data.payment.payment_intent');
    const data = ((payments as Json).data as Json[]).map((payment) => {
      const intentId = String((payment.payment as Json).payment_intent);
      return expandIntents ? { ...payment, payment: { ...(payment.payment as Json), payment_intent: this.object(accountId, intentId) } } : payment;
    });
    return { ...rest, payments: { object: 'list', has_more: false, data } };
  }

  /** On the platform's own account: its application fees; and application fees need a connected account to be charged on. */
  private platformOnly(request: ConnectRequest): Answer {
    const feePath = /^\/v1\/application_fees\/([^/]+)$/.exec(request.path);
    if (feePath && request.method === 'GET') {
      const fee = this.applicationFees.get(decodeURIComponent(feePath[1] ?? ''));
      return fee ? ok(fee) : stripeError(404, 'invalid_request_error', `No such application fee: '${feePath[1] ?? ''}'`, 'resource_missing');
    }
    if (request.path === '/v1/checkout/sessions' && (request.params.payment_intent_data as Json | undefined)?.application_fee_amount !== undefined)
      return stripeError(
        400,
        'invalid_request_error',
        'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
      );
    if (request.path === '/v1/checkout/sessions' && (request.params.subscription_data as Json | undefined)?.application_fee_percent !== undefined)
      return stripeError(400, 'invalid_request_error', 'To use application_fee_percent, the request must be made on behalf of another account, using the Stripe-Account header or an OAuth key.');
    return stripeError(400, 'invalid_request_error', 'This fake serves connected accounts: send the Stripe-Account header.');
  }

  private store(accountId: string, object: Json & { id: string }): Json {
    this.objects.get(accountId)?.set(object.id, object);
    return object;
  }

  private accountOf(accountId: string): Account {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    return account;
  }

  private accountJson(account: Account): Json {
    return {
      id: account.id,
      object: 'account',
      type: 'express',
      email: account.email,
      charges_enabled: account.charges_enabled,
      details_submitted: account.details_submitted,
      metadata: account.metadata,
    };
  }

  private itemOf(subscription: Json): Json {
    const item = ((subscription.items as Json).data as Json[])[0];
    if (!item) throw new Error('subscription without items');
    return item;
  }

  private chargeOf(accountId: string, paymentIntentId: string): Json {
    const charge = [...(this.objects.get(accountId)?.values() ?? [])].find((object) => object.object === 'charge' && object.payment_intent === paymentIntentId);
    if (!charge) throw new Error(`no charge for ${paymentIntentId}`);
    return charge;
  }

  private intervalSeconds(price: Json): number {
    return (price.recurring as Json | null)?.interval === 'year' ? 365 * DAY : 30 * DAY;
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

function subscriptionParent(subscriptionId: string): Json {
  return { type: 'subscription_details', subscription_details: { subscription: subscriptionId, metadata: {} } };
}
