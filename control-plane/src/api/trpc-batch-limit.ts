// How many calls one tRPC HTTP request may carry (`/trpc/a,b,c?batch=1`). Each call does its own work, so an
// unbounded batch multiplies what one request costs past every per-request limit. The portal's client batches up
// to the same number (httpBatchLink maxItems): this file imports nothing, so the portal takes it without server code.
export const TRPC_MAX_BATCH_CALLS = 10;
