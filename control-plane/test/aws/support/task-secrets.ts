// What the ECS tasks get from Secrets Manager beside the master and auth keys (tenant-infra ControlPlaneService): the
// generated operator token and the Stripe keys the operator stored. Without a Stripe of the test's own (FakeStripe),
// Stripe's API is a closed local port, so nothing a test does can reach the real one.
export function taskSecrets(stripeApiUrl = 'http://127.0.0.1:9'): Record<string, string> {
  return {
    OTT_OPERATOR_TOKEN: 'operator-token-for-tests-0123456789abcdef',
    STRIPE_SECRET_KEY: 'sk_test_ott_cloud',
    STRIPE_WEBHOOK_SECRET: 'whsec_ott_cloud',
    OTT_STRIPE_API_URL: stripeApiUrl,
  };
}
