// How every Stripe client of the platform is configured: retries, timeout, and another API base (a local fake) when given.
import type Stripe from 'stripe';

export function stripeClientOptions(options: { apiUrl?: string; maxNetworkRetries?: number }): Stripe.StripeConfig {
  const base = options.apiUrl ? new URL(options.apiUrl) : undefined;
  return {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: 20_000,
    appInfo: { name: 'ott-cloud' },
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol === 'https:' ? 'https' : 'http' } : {}),
  };
}
