// A tenant selling through the fake Stripe Connect: its connected account onboarded, a viewer pool with signed-in
// viewers, and videos in the 'viewers' access mode; sales go through the domain and the real Stripe adapter, and every
// webhook through receiveStoreWebhook with the signature the fake made.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudFrontPolicySigner } from '../../src/adapters/aws/cloudfront-policy-signer.js';
import { DevelopmentMailbox } from '../../src/adapters/local/development-mailbox.js';
import { LocalIdentityProvider } from '../../src/adapters/local/local-identity-provider.js';
import { StripeStorePayments } from '../../src/adapters/stripe/stripe-store-payments.js';
import { systemClock } from '../../src/composition.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import type { Db } from '../../src/db/database.js';
import { authorizePlayback } from '../../src/domain/playback/authorize-playback.js';
import { createOffer, type OfferInput } from '../../src/domain/sales/offers.js';
import { startSaleCheckout } from '../../src/domain/sales/sale-checkout.js';
import { connectStore } from '../../src/domain/sales/store-accounts.js';
import { receiveStoreWebhook, type StoreEventOutcome } from '../../src/domain/sales/store-webhooks.js';
import type { PlanId } from '../../src/domain/billing/plans.js';
import { insertTenant, TestClock } from './billing-fixtures.js';
import { insertReadyVideo } from './playback-fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { CONNECT_WEBHOOK_SECRET, FakeStripeConnect, GOOD_CARD, type SignedEvent } from './fake-stripe-connect.js';

export type SalesDeps = Awaited<ReturnType<typeof startSalesDeps>>;

/** What the sales domain and playback need, with the viewer pools' JWKS served over HTTP as the API serves them. */
export async function startSalesDeps(db: Db, stripe: FakeStripeConnect, clock: TestClock) {
  const secrets = new SecretBox(randomBytes(32));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pools: { identity?: LocalIdentityProvider } = {};
  const jwks = createServer((request, response) => {
    const poolId = /^\/pools\/([^/]+)\/\.well-known\/jwks\.json$/.exec(request.url ?? '')?.[1] ?? '';
    void pools.identity?.jwks(poolId).then((keys) => response.writeHead(keys ? 200 : 404, { 'Content-Type': 'application/json' }).end(JSON.stringify(keys ?? {})));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
  // Viewer tokens live on the real clock; entitlements and Stripe on the test clock.
  const identity = new LocalIdentityProvider(db, secrets, systemClock, apiUrl);
  pools.identity = identity;
  return {
    db,
    clock,
    secrets,
    storePayments: new StripeStorePayments({ secretKey: 'sk_test_platform', connectWebhookSecret: CONNECT_WEBHOOK_SECRET, apiUrl: stripe.url, maxNetworkRetries: 0 }),
    email: new DevelopmentMailbox(db),
    urls: { api: apiUrl, edge: 'http://127.0.0.1:8787' },
    identity,
    signer: new CloudFrontPolicySigner(async () => ({ keyPairId: 'K2SALES', privateKey })),
    playback: { grantSeconds: 600 },
    authSecret: randomBytes(32),
    close: () => new Promise<void>((resolve) => jwks.close(() => resolve())),
  };
}

export interface Seller {
  tenantId: string;
  accountId: string;
  poolId: string;
  videoId: string;
  otherVideoId: string;
}

export async function sellerWithStore(deps: SalesDeps, stripe: FakeStripeConnect, options: { plan?: PlanId } = {}): Promise<Seller> {
  const { tenantId } = await insertTenant(deps.db, { plan: options.plan ?? 'pro' });
  const { poolId } = await deps.identity.createPool(tenantId);
  await deps.db.updateTable('tenants').set({ viewer_pool_id: poolId }).where('id', '=', tenantId).execute();
  await connectStore(deps, tenantId, { returnUrl: 'https://portal.example/sales', refreshUrl: 'https://portal.example/sales?again' });
  const row = await deps.db.selectFrom('store_accounts').select('stripe_account_id').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  await deliver(deps, stripe.completeOnboarding(row.stripe_account_id));
  return {
    tenantId,
    accountId: row.stripe_account_id,
    poolId,
    videoId: await insertReadyVideo(deps.db, tenantId, { accessMode: 'viewers' }),
    otherVideoId: await insertReadyVideo(deps.db, tenantId, { accessMode: 'viewers' }),
  };
}

export interface Viewer {
  viewerId: string;
  email: string;
  token(): Promise<string>;
}

/** A viewer of the seller's pool; `token()` signs in again (the test clock may have moved past the last token). */
export async function signedInViewer(deps: SalesDeps, seller: Seller): Promise<Viewer> {
  const email = `viewer-${randomBytes(3).toString('hex')}@example.com`;
  const { viewerId, temporaryPassword } = await deps.identity.inviteViewer(seller.poolId, email);
  const first = await deps.identity.signIn(seller.poolId, email, temporaryPassword);
  if (first.kind !== 'new-password-required') throw new Error('expected a first sign-in');
  const password = 'popcorn and a film';
  await deps.identity.completeNewPassword(seller.poolId, first.session, password);
  return {
    viewerId,
    email,
    async token() {
      const result = await deps.identity.signIn(seller.poolId, email, password);
      if (result.kind !== 'signed-in') throw new Error('expected signed-in');
      return result.idToken;
    },
  };
}

export function offer(deps: SalesDeps, seller: Seller, input: Partial<OfferInput> & Pick<OfferInput, 'kind'>) {
  const defaults: Record<OfferInput['kind'], Omit<OfferInput, 'kind'>> = {
    rental: { name: 'Rent the film', amount: 499, currency: 'usd', videoIds: [seller.videoId], rental: { startDays: 30, watchHours: 48 } },
    purchase: { name: 'Buy the film', amount: 1499, currency: 'usd', videoIds: [seller.videoId] },
    subscription: { name: 'Everything, monthly', amount: 999, currency: 'usd', interval: 'month', coversEverything: true },
    bundle: { name: 'The box set', amount: 2999, currency: 'usd', collectionIds: [] },
  };
  return createOffer(deps, seller.tenantId, { ...defaults[input.kind], ...input } as OfferInput);
}

/** Checkout, then the viewer pays with `card`; the events Stripe would send (not yet delivered). */
export async function checkoutAndPay(deps: SalesDeps, stripe: FakeStripeConnect, seller: Seller, viewer: Viewer, offerId: string, card = GOOD_CARD) {
  const checkout = await startSaleCheckout(deps, {
    tenantId: seller.tenantId,
    offerId,
    viewer: { viewerId: viewer.viewerId, email: viewer.email },
    successUrl: 'https://site.example/thanks',
    cancelUrl: 'https://site.example/back',
  });
  return { checkout, payment: stripe.payCheckout(seller.accountId, checkout.sessionId, card) };
}

/** Checkout, paid with the good card, every event delivered: the session (with its subscription or payment intent). */
export async function buy(deps: SalesDeps, stripe: FakeStripeConnect, seller: Seller, viewer: Viewer, offerId: string) {
  const { payment } = await checkoutAndPay(deps, stripe, seller, viewer, offerId);
  if (payment.declined) throw new Error('declined');
  for (const event of payment.events) await deliver(deps, event);
  return { subscriptionId: payment.session.subscription as string | null, paymentIntentId: payment.session.payment_intent as string | null };
}

export async function deliver(deps: SalesDeps, event: SignedEvent): Promise<StoreEventOutcome> {
  return (await receiveStoreWebhook(deps, event.body, event.signature)).outcome;
}

export async function play(deps: SalesDeps, videoId: string, viewer: Viewer) {
  return authorizePlayback(deps, { videoId, credential: await viewer.token() });
}

export interface SalesWorld {
  database: TestDatabase;
  stripe: FakeStripeConnect;
  deps: SalesDeps;
  clock: TestClock;
}

/** A scratch database, the fake Stripe Connect and the sales deps for one test file, on a clock in whole seconds (as Stripe counts). */
export function salesWorld(): SalesWorld {
  const world = { clock: new TestClock(new Date(Math.floor(Date.now() / 1000) * 1000)) } as SalesWorld;
  beforeAll(async () => {
    [world.database, world.stripe] = await Promise.all([createTestDatabase(), FakeStripeConnect.start({ now: () => world.clock.now().getTime() })]);
    world.deps = await startSalesDeps(world.database.db, world.stripe, world.clock);
  });
  afterAll(async () => {
    await world.deps?.close();
    await world.stripe?.close();
    await world.database?.drop();
  });
  return world;
}
