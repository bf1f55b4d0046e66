// What benchmarks reach of the webhooks domain (@ott/control-plane/internals/webhooks).
export { recordWebhookEvent } from './record-webhook-event.js';
export { createEndpoint } from './webhook-endpoints.js';
