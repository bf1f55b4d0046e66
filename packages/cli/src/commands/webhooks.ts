// `ott webhooks list|create|delete|test`: the workspace's webhook endpoints over the admin session (tRPC
// webhooks), as the portal's Webhooks page manages them. The signing secret is printed once, at creation.
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@ott/contracts';
import { createAdminClient } from '../api-client.js';
import { UsageError } from '../cli-error.js';
import { defineCommand, requireFlag } from '../command.js';
import { renderTable } from '../format.js';

const ID = ['<endpoint-id>'];

export const webhooksListCommand = defineCommand({
  name: 'webhooks list',
  summary: 'List the webhook endpoints, their event filters and status',
  flags: { json: { type: 'boolean', help: 'print the endpoints as a JSON array' } },
  examples: ['ott webhooks list'],
  async run({ flags }, ctx) {
    const client = createAdminClient(ctx);
    const endpoints = [];
    let cursor: string | undefined;
    do {
      const page = await client.webhooks.list.query({ limit: 100, ...(cursor ? { cursor } : {}) });
      endpoints.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (flags.json) ctx.stdout.write(`${JSON.stringify(endpoints, null, 2)}\n`);
    else if (endpoints.length === 0) ctx.stdout.write('No webhook endpoints yet. Add one with: ott webhooks create --url <https://…>\n');
    else
      ctx.stdout.write(
        renderTable(
          ['ID', 'STATUS', 'EVENTS', 'URL'],
          endpoints.map((endpoint) => [endpoint.id, endpoint.status, endpoint.eventTypes.length === 0 ? 'all' : endpoint.eventTypes.join(','), endpoint.url]),
        ),
      );
    return 0;
  },
});

export const webhooksCreateCommand = defineCommand({
  name: 'webhooks create',
  summary: 'Add a webhook endpoint; prints its signing secret once',
  description: [`Events: ${WEBHOOK_EVENT_TYPES.join(', ')}.`, 'Without --event the endpoint receives every event. The secret (whsec_…) goes to stdout: verify deliveries with it.'],
  flags: {
    url: { type: 'string', value: '<url>', help: 'where to POST the events: a public https (or http) URL' },
    event: { type: 'string', value: '<type>', multiple: true, help: 'an event type to receive; repeat for several (default: all)' },
    description: { type: 'string', value: '<text>', help: 'what the endpoint is for' },
  },
  examples: ['ott webhooks create --url https://example.com/ott-hooks --event video.ready --event video.failed', 'secret=$(ott webhooks create --url https://example.com/hooks)'],
  async run({ flags }, ctx) {
    const url = requireFlag(flags.url, '--url', 'webhooks create');
    const eventTypes = (flags.event ?? []).map((event) => {
      if ((WEBHOOK_EVENT_TYPES as readonly string[]).includes(event)) return event as WebhookEventType;
      throw new UsageError(`--event must be one of ${WEBHOOK_EVENT_TYPES.join(', ')} (got "${event}")`, 'webhooks create');
    });
    const created = await createAdminClient(ctx).webhooks.create.mutate({
      url,
      ...(eventTypes.length ? { eventTypes: [...new Set(eventTypes)] } : {}),
      ...(flags.description ? { description: flags.description } : {}),
    });
    ctx.stdout.write(`${created.secret}\n`);
    ctx.stderr.write(
      `Created webhook endpoint ${created.endpoint.id} for ${created.endpoint.url} (${created.endpoint.eventTypes.length ? created.endpoint.eventTypes.join(', ') : 'all events'}). This is the only time its signing secret is shown: store it with your receiver.\n`,
    );
    return 0;
  },
});

export const webhooksDeleteCommand = defineCommand({
  name: 'webhooks delete',
  summary: 'Delete a webhook endpoint; its deliveries stop at once',
  positionals: ID,
  flags: {},
  examples: ['ott webhooks delete 3f1c…'],
  async run({ positionals }, ctx) {
    const endpointId = positionals[0] ?? '';
    await createAdminClient(ctx).webhooks.delete.mutate({ endpointId });
    ctx.stdout.write(`Deleted webhook endpoint ${endpointId}.\n`);
    return 0;
  },
});

export const webhooksTestCommand = defineCommand({
  name: 'webhooks test',
  summary: 'Send a webhook.test event to an endpoint',
  positionals: ID,
  flags: {},
  examples: ['ott webhooks test 3f1c…'],
  async run({ positionals }, ctx) {
    const endpointId = positionals[0] ?? '';
    const delivery = await createAdminClient(ctx).webhooks.sendTest.mutate({ endpointId });
    ctx.stdout.write(`Queued test event ${delivery.eventId} (delivery ${delivery.id}); see how it went in the portal's Webhooks page.\n`);
    return 0;
  },
});
