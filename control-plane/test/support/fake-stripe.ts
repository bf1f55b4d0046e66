// A small Stripe at the HTTP boundary, for driving the real `stripe` SDK in tests (no stripe-mock can be installed
// here). It speaks Stripe's wire format (form-encoded bodies with bracketed keys, JSON answers, `{ error: {…} }`
// with 4xx), replays responses for a repeated Idempotency-Key, and keeps the rules billing depends on: meter events
// need a known meter and customer, a whole-number value and a timestamp within the last 35 days, and a second
// event with an identifier already accepted is refused, so only the first one counts (Stripe's deduplication).
// Subscriptions (registered by a test with `addSubscription`, as Checkout would create them) can be retrieved,
// updated (items swapped, proration_date, cancel_at_period_end; not while a schedule manages them), given a
// schedule (from_subscription; phases that start with the current one and follow on; released), and previewed
// with invoices/create_preview, which
// prorates licensed prices by the second as Stripe documents (docs.stripe.com/billing/subscriptions/prorations);
// metered prices bill nothing in a preview until usage arrives.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  idempotencyKey: string | undefined;
}

export interface AcceptedMeterEvent {
  identifier: string;
  eventName: string;
  customer: string;
  value: number;
  timestamp: number;
}

export type Answer = { status: number; body: unknown };
export type Json = Record<string, unknown>;

const DAY = 86_400;

export class FakeStripe {
  readonly requests: ReceivedRequest[] = [];
  /** Every identifier a meter event arrived with, duplicates included. */
  readonly meterEventAttempts: string[] = [];
  /** The events Stripe would bill: one per identifier. */
  readonly meterEvents: AcceptedMeterEvent[] = [];
  readonly customers = new Map<string, Json>();
  readonly meters = new Map<string, Json>();
  readonly prices = new Map<string, Json>();
  readonly subscriptions = new Map<string, Json>();
  readonly schedules = new Map<string, Json>();
  /** Set to make requests fail: return an answer, or 'drop' to cut the connection. */
  fault: ((request: ReceivedRequest) => Answer | 'drop' | undefined) | undefined;
  url = '';
  private readonly server: Server;
  private readonly replays = new Map<string, Answer>();

  private constructor(private readonly now: () => number) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => reply(response, { status: 500, body: { error: { type: 'api_error', message: String(error) } } }));
    });
  }

  static async start(options: { now?: () => number } = {}): Promise<FakeStripe> {
    const fake = new FakeStripe(options.now ?? Date.now);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A subscription on these prices, as a completed Checkout would have left it, in its period `[start, end)` (seconds). */
  addSubscription(input: { id: string; customer: string; prices: string[]; periodStart: number; periodEnd: number }): Json {
    const subscription = {
      id: input.id,
      object: 'subscription',
      customer: input.customer,
      status: 'active',
      cancel_at_period_end: false,
      schedule: null,
      metadata: {},
      items: { object: 'list', data: input.prices.map((price) => this.subscriptionItem(price, input.periodStart, input.periodEnd)) },
    };
    this.subscriptions.set(input.id, subscription);
    return subscription;
  }

  requestsTo(method: string, path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stripe');
    const body = await readBody(request);
    const form = request.method === 'GET' ? url.searchParams : new URLSearchParams(body);
    const received: ReceivedRequest = { method: request.method ?? '', path: url.pathname, params: parseForm(form), idempotencyKey: header(request, 'idempotency-key') };
    this.requests.push(received);
    if (!/^Bearer sk_(test|live)_/.test(header(request, 'authorization') ?? '')) return reply(response, stripeError(401, 'invalid_request_error', 'Invalid API Key provided.'));
    const fault = this.fault?.(received);
    if (fault === 'drop') return void request.socket.destroy();
    if (fault) return reply(response, fault);
    const replayKey = received.method === 'POST' && received.idempotencyKey ? `${received.path}|${received.idempotencyKey}` : undefined;
    const replayed = replayKey ? this.replays.get(replayKey) : undefined;
    if (replayed) return reply(response, replayed);
    const answer = this.route(received);
    if (replayKey && answer.status < 500) this.replays.set(replayKey, answer);
    reply(response, answer);
  }

  private route(request: ReceivedRequest): Answer {
    const p = request.params;
    const subscriptionPath = /^\/v1\/subscriptions\/([^/]+)$/.exec(request.path);
    if (subscriptionPath) return this.subscriptionRoute(request.method, decodeURIComponent(subscriptionPath[1] ?? ''), p);
    const schedulePath = /^\/v1\/subscription_schedules(?:\/([^/]+)(\/release)?)?$/.exec(request.path);
    if (schedulePath && request.method === 'POST') return this.scheduleRoute(schedulePath[1], schedulePath[2] !== undefined, p);
    switch (`${request.method} ${request.path}`) {
      case 'POST /v1/customers': {
        const customer = { id: id('cus'), object: 'customer', name: p.name ?? null, email: p.email ?? null, metadata: p.metadata ?? {} };
        this.customers.set(customer.id, customer);
        return ok(customer);
      }
      case 'GET /v1/billing/meters':
        return ok(
          list(
            '/v1/billing/meters',
            [...this.meters.values()].filter((meter) => !p.status || meter.status === p.status),
          ),
        );
      case 'POST /v1/billing/meters': {
        if ([...this.meters.values()].some((meter) => meter.event_name === p.event_name))
          return stripeError(400, 'invalid_request_error', `A meter with event_name ${String(p.event_name)} already exists.`);
        const meter = {
          id: id('mtr'),
          object: 'billing.meter',
          status: 'active',
          event_name: p.event_name,
          display_name: p.display_name,
          default_aggregation: p.default_aggregation,
          customer_mapping: p.customer_mapping,
          value_settings: p.value_settings,
        };
        this.meters.set(meter.id, meter);
        return ok(meter);
      }
      case 'GET /v1/prices': {
        const keys = Array.isArray(p.lookup_keys) ? p.lookup_keys : [];
        return ok(
          list(
            '/v1/prices',
            [...this.prices.values()].filter((price) => keys.includes(price.lookup_key) && (p.active === undefined || String(price.active) === p.active)),
          ),
        );
      }
      case 'POST /v1/prices':
        return this.createPrice(p);
      case 'POST /v1/billing/meter_events':
        return this.createMeterEvent(p);
      case 'POST /v1/checkout/sessions': {
        if (p.mode === 'setup') return this.createSetupSession(p);
        if (p.mode !== 'subscription' || !this.customers.has(String(p.customer))) return stripeError(400, 'invalid_request_error', 'A subscription checkout needs an existing customer.');
        const items = Array.isArray(p.line_items) ? (p.line_items as Json[]) : [];
        if (items.length === 0 || items.some((item) => !this.prices.has(String(item.price)))) return stripeError(400, 'invalid_request_error', 'No such price.');
        const session = id('cs_test');
        return ok({
          id: session,
          object: 'checkout.session',
          mode: 'subscription',
          customer: p.customer,
          url: `https://checkout.stripe.test/c/pay/${session}`,
          metadata: p.metadata ?? {},
          client_reference_id: p.client_reference_id ?? null,
        });
      }
      case 'POST /v1/invoices/create_preview':
        return this.previewInvoice(p);
      case 'POST /v1/billing_portal/sessions':
        if (!this.customers.has(String(p.customer))) return stripeError(400, 'invalid_request_error', 'No such customer.');
        return ok({ id: id('bps'), object: 'billing_portal.session', customer: p.customer, return_url: p.return_url, url: `https://billing.stripe.test/p/session/${id('test')}` });
      default:
        return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.path}).`);
    }
  }

  /** Setup mode saves a payment method and charges nothing: no line items, and (dynamic payment methods) a currency. */
  private createSetupSession(p: Json): Answer {
    if (!this.customers.has(String(p.customer))) return stripeError(400, 'invalid_request_error', 'No such customer.');
    if (p.line_items !== undefined) return stripeError(400, 'invalid_request_error', 'You cannot pass `line_items` in `setup` mode.');
    if (typeof p.currency !== 'string') return stripeError(400, 'invalid_request_error', '`currency` is required in `setup` mode when using dynamic payment methods.');
    const session = id('cs_test');
    return ok({ id: session, object: 'checkout.session', mode: 'setup', customer: p.customer, url: `https://checkout.stripe.test/c/setup/${session}`, metadata: p.metadata ?? {} });
  }

  private subscriptionRoute(method: string, subscriptionId: string, p: Json): Answer {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) return stripeError(404, 'invalid_request_error', `No such subscription: '${subscriptionId}'`, 'resource_missing');
    if (method === 'GET') return ok(subscription);
    if (method !== 'POST') return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${method}: /v1/subscriptions/${subscriptionId}).`);
    if (p.cancel_at_period_end !== undefined) subscription.cancel_at_period_end = p.cancel_at_period_end === 'true';
    if (p.items !== undefined) {
      if (subscription.schedule) return stripeError(400, 'invalid_request_error', 'The subscription is managed by a subscription schedule: release it first.');
      const changed = this.applyItems(subscription, p.items);
      if ('error' in changed) return stripeError(400, 'invalid_request_error', changed.error);
      (subscription.items as Json).data = changed.items;
    }
    if (p.metadata !== undefined) subscription.metadata = p.metadata;
    return ok(subscription);
  }

  private scheduleRoute(scheduleId: string | undefined, release: boolean, p: Json): Answer {
    if (scheduleId === undefined) {
      const subscription = this.subscriptions.get(String(p.from_subscription));
      if (!subscription) return stripeError(400, 'invalid_request_error', `No such subscription: '${String(p.from_subscription)}'`);
      if (subscription.schedule) return stripeError(400, 'invalid_request_error', 'The subscription already has a schedule.');
      const items = (subscription.items as Json).data as Json[];
      const schedule = {
        id: id('sub_sched'),
        object: 'subscription_schedule',
        subscription: subscription.id,
        status: 'active',
        end_behavior: 'release',
        phases: [{ start_date: items[0]?.current_period_start, end_date: items[0]?.current_period_end, items: items.map((item) => ({ price: (item.price as Json).id, quantity: 1 })) }],
      };
      this.schedules.set(schedule.id, schedule);
      subscription.schedule = schedule.id;
      return ok(schedule);
    }
    const schedule = this.schedules.get(scheduleId);
    if (!schedule || schedule.status !== 'active') return stripeError(400, 'invalid_request_error', `No such active subscription schedule: '${scheduleId}'`);
    const subscription = this.subscriptions.get(String(schedule.subscription));
    if (release) {
      schedule.status = 'released';
      if (subscription) subscription.schedule = null;
      return ok(schedule);
    }
    const phases = Array.isArray(p.phases) ? (p.phases as Json[]) : [];
    const current = (schedule.phases as Json[])[0];
    if (phases[0]?.start_date !== String(current?.start_date)) return stripeError(400, 'invalid_request_error', 'You can not modify the start date of the current phase.');
    for (const phase of phases) {
      const items = Array.isArray(phase.items) ? (phase.items as Json[]) : [];
      if (items.length === 0 || items.some((item) => !this.prices.has(String(item.price)))) return stripeError(400, 'invalid_request_error', 'Each phase needs items on existing prices.');
    }
    const last = phases[phases.length - 1];
    if (last && last.end_date === undefined && last.duration === undefined && last.iterations === undefined)
      return stripeError(400, 'invalid_request_error', 'The last phase needs an end_date, a duration or iterations.');
    schedule.phases = phases;
    if (p.end_behavior !== undefined) schedule.end_behavior = p.end_behavior;
    return ok(schedule);
  }

  /** A preview invoice: a new subscription's first invoice, or an update's prorations at `proration_date`. */
  private previewInvoice(p: Json): Answer {
    if (!this.customers.has(String(p.customer))) return stripeError(400, 'invalid_request_error', 'No such customer.');
    const details = (p.subscription_details ?? {}) as Json;
    const nowSeconds = Math.floor(this.now() / 1000);
    if (p.subscription === undefined) {
      const end = nowSeconds + 30 * DAY;
      const items = Array.isArray(details.items) ? (details.items as Json[]) : [];
      if (items.some((item) => !this.prices.has(String(item.price)))) return stripeError(400, 'invalid_request_error', 'No such price.');
      const lines = items.map((item) => this.previewLine(this.licensedAmount(String(item.price)), nowSeconds, end, false));
      return ok(this.previewOf(String(p.customer), lines));
    }
    const subscription = this.subscriptions.get(String(p.subscription));
    if (!subscription) return stripeError(400, 'invalid_request_error', `No such subscription: '${String(p.subscription)}'`);
    const changed = this.applyItems(subscription, details.items ?? []);
    if ('error' in changed) return stripeError(400, 'invalid_request_error', changed.error);
    const current = (subscription.items as Json).data as Json[];
    const start = Number(current[0]?.current_period_start);
    const end = Number(current[0]?.current_period_end);
    const at = details.proration_date === undefined ? nowSeconds : Number(details.proration_date);
    if (at < start || at > end) return stripeError(400, 'invalid_request_error', 'proration_date must be within the current period.');
    const share = (end - at) / (end - start);
    const fee = (items: Json[]) => items.reduce((sum, item) => sum + this.licensedAmount(String((item.price as Json).id)), 0);
    const lines = [this.previewLine(-Math.round(fee(current) * share), at, end, true), this.previewLine(Math.round(fee(changed.items) * share), at, end, true)];
    return ok(this.previewOf(String(p.customer), lines));
  }

  /** Items after an update: `{ id, deleted }` removes one, `{ price }` adds one; the period is the subscription's. */
  private applyItems(subscription: Json, update: unknown): { items: Json[] } | { error: string } {
    const current = (subscription.items as Json).data as Json[];
    const period = { start: Number(current[0]?.current_period_start), end: Number(current[0]?.current_period_end) };
    let items = [...current];
    for (const change of Array.isArray(update) ? (update as Json[]) : []) {
      if (change.deleted === 'true') {
        if (!items.some((item) => item.id === change.id)) return { error: `No such subscription item: '${String(change.id)}'` };
        items = items.filter((item) => item.id !== change.id);
      } else if (typeof change.price === 'string') {
        if (!this.prices.has(change.price)) return { error: `No such price: '${change.price}'` };
        items.push(this.subscriptionItem(change.price, period.start, period.end));
      }
    }
    return { items };
  }

  private subscriptionItem(price: string, periodStart: number, periodEnd: number): Json {
    return { id: id('si'), object: 'subscription_item', price: this.prices.get(price), current_period_start: periodStart, current_period_end: periodEnd };
  }

  /** A licensed price's amount a period; metered prices bill usage, none in a preview. */
  private licensedAmount(priceId: string): number {
    const price = this.prices.get(priceId);
    const recurring = (price?.recurring ?? {}) as Json;
    return recurring.usage_type === 'metered' ? 0 : Number(price?.unit_amount ?? 0);
  }

  private previewLine(amount: number, start: number, end: number, proration: boolean): Json {
    return {
      id: id('il_tmp'),
      object: 'line_item',
      amount,
      currency: 'usd',
      period: { start, end },
      parent: { type: 'subscription_item_details', invoice_item_details: null, subscription_item_details: { proration, subscription_item: id('si') } },
    };
  }

  private previewOf(customer: string, lines: Json[]): Json {
    const total = lines.reduce((sum, line) => sum + Number(line.amount), 0);
    return { object: 'invoice', id: null, customer, currency: 'usd', amount_due: Math.max(0, total), total, lines: list('/v1/invoices/upcoming/lines', lines) };
  }

  private createPrice(p: Json): Answer {
    if (typeof p.lookup_key === 'string' && [...this.prices.values()].some((price) => price.lookup_key === p.lookup_key)) {
      return stripeError(400, 'invalid_request_error', `A price (${p.lookup_key}) already uses that lookup key.`);
    }
    const recurring = (p.recurring ?? {}) as Json;
    if (recurring.usage_type === 'metered' && !this.meters.has(String(recurring.meter))) return stripeError(400, 'invalid_request_error', 'Metered prices need an existing meter.');
    if (p.billing_scheme === 'tiered' && (!Array.isArray(p.tiers) || p.tiers_mode === undefined)) return stripeError(400, 'invalid_request_error', 'Tiered prices need tiers and tiers_mode.');
    const price = {
      id: id('price'),
      object: 'price',
      active: true,
      currency: p.currency,
      lookup_key: p.lookup_key ?? null,
      recurring,
      billing_scheme: p.billing_scheme ?? 'per_unit',
      tiers_mode: p.tiers_mode ?? null,
      tiers: p.tiers ?? null,
      unit_amount: p.unit_amount ?? null,
      unit_amount_decimal: p.unit_amount_decimal ?? null,
      product: id('prod'),
    };
    this.prices.set(price.id, price);
    return ok(price);
  }

  private createMeterEvent(p: Json): Answer {
    const payload = (p.payload ?? {}) as Json;
    const identifier = String(p.identifier ?? id('mevt'));
    this.meterEventAttempts.push(identifier);
    const meter = [...this.meters.values()].find((candidate) => candidate.event_name === p.event_name);
    if (!meter) return stripeError(400, 'invalid_request_error', `No active meter for event_name ${String(p.event_name)}.`);
    if (!this.customers.has(String(payload.stripe_customer_id))) return stripeError(400, 'invalid_request_error', 'No such customer.');
    if (typeof payload.value !== 'string' || !/^\d+$/.test(payload.value)) return stripeError(400, 'invalid_request_error', 'The value must be a whole number.');
    const nowSeconds = Math.floor(this.now() / 1000);
    const timestamp = p.timestamp === undefined ? nowSeconds : Number(p.timestamp);
    if (timestamp < nowSeconds - 35 * DAY || timestamp > nowSeconds + 300)
      return stripeError(400, 'invalid_request_error', 'Timestamp must be within the past 35 days and no more than 5 minutes in the future.');
    if (this.meterEvents.some((event) => event.identifier === identifier)) {
      return stripeError(400, 'invalid_request_error', `An event with identifier ${identifier} already exists.`, 'resource_already_exists');
    }
    this.meterEvents.push({ identifier, eventName: String(p.event_name), customer: String(payload.stripe_customer_id), value: Number(payload.value), timestamp });
    return ok({ object: 'billing.meter_event', event_name: p.event_name, identifier, payload, timestamp, created: nowSeconds, livemode: false });
  }
}

/** `a[b][0][c]=d` → { a: { b: [{ c: 'd' }] } }, as Stripe reads form bodies. */
export function parseForm(form: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of form) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const nextIsIndex = /^\d+$/.test(parts[index + 1] ?? '');
      const slot = Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[slot] = value;
      else container[slot] ??= nextIsIndex ? [] : {};
      node = container[slot] as Record<string, unknown> | unknown[];
    });
  }
  return root;
}

export function id(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

export function ok(body: unknown): Answer {
  return { status: 200, body };
}

function list(url: string, data: unknown[]): Json {
  return { object: 'list', url, has_more: false, data };
}

export function stripeError(status: number, type: string, message: string, code?: string): Answer {
  return { status, body: { error: { type, message, ...(code ? { code } : {}) } } };
}

export function reply(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': id('req') }).end(JSON.stringify(answer.body));
}

export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** An HTTP server on a free local port answering with `handle` (a thrown error becomes Stripe's 500 api_error). */
export async function serveFake(handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => reply(response, { status: 500, body: { error: { type: 'api_error', message: String(error) } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
