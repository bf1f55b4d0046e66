// How many calls one tRPC HTTP request may carry (`/trpc/a,b,c?batch=1`). Each call does its own work, so an
// unbounded batch multiplies what one request costs past every per-request limit. The API refuses a longer batch;
// the portal's client batches up to the same number (httpBatchLink maxItems) so it never meets the refusal.
export const TRPC_MAX_BATCH_CALLS = 10;
