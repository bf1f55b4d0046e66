// DnsResolver on node:dns (the system's resolvers, or the ones given): "no such name" and "no such record" are
// answers (an empty list); timeouts and server failures are errors, so they are never taken for a missing record.
import { Resolver } from 'node:dns/promises';
import type { DnsResolver } from '../../ports.js';

const NO_ANSWER = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

export class NodeDnsResolver implements DnsResolver {
  readonly #resolver: Resolver;

  constructor(options: { servers?: readonly string[]; timeoutMs?: number } = {}) {
    this.#resolver = new Resolver({ timeout: options.timeoutMs ?? 5000, tries: 2 });
    if (options.servers) this.#resolver.setServers([...options.servers]);
  }

  resolveCname(host: string): Promise<string[]> {
    return answer(this.#resolver.resolveCname(host));
  }

  async resolveAddresses(host: string): Promise<string[]> {
    const [v4, v6] = await Promise.all([answer(this.#resolver.resolve4(host)), answer(this.#resolver.resolve6(host))]);
    return [...v4, ...v6];
  }
}

async function answer(lookup: Promise<string[]>): Promise<string[]> {
  try {
    return await lookup;
  } catch (error) {
    if (NO_ANSWER.has((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
}
