// The REST API client for commands run with OTT_API_KEY set: the node SDK over the same --api origin. With a key,
// `videos list` and `upload` need no `ott login` (a CI job or a server holds the key, not a person's password).
import { OttCloud } from '@ott/node-sdk';
import type { CliContext } from './cli-context.js';

export function createKeyClient(ctx: Pick<CliContext, 'api' | 'fetch' | 'apiKey'>): OttCloud | undefined {
  if (!ctx.apiKey) return undefined;
  return new OttCloud({ apiKey: ctx.apiKey, baseUrl: ctx.api, fetch: (request) => ctx.fetch(request) });
}
