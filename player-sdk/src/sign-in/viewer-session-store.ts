// The signed-in state the built-in sign-in keeps: in the embedding site's localStorage, one entry per API and tenant,
// so every embed of that tenant on this site (any page, any video) shares it and other tenants' embeds do not. It is
// the viewer's ID token (short-lived: an hour), its end, and the e-mail it was given for; an ended one is dropped
// when read. Nothing is kept where localStorage is unavailable (private modes, sandboxed frames): the viewer then
// signs in per page.

export interface ViewerSession {
  idToken: string;
  expiresAt: Date;
  email: string;
}

export class ViewerSessionStore {
  readonly #prefix: string;
  readonly #storage: Storage | undefined;
  readonly #now: () => number;

  constructor(api: string, storage: Storage | undefined, now: () => number = Date.now) {
    this.#prefix = `ott-player:viewer:${api.replace(/\/+$/, '')}:`;
    this.#storage = storage;
    this.#now = now;
  }

  get(tenantSlug: string): ViewerSession | undefined {
    const text = this.#attempt(() => this.#storage?.getItem(this.#prefix + tenantSlug));
    if (!text) return undefined;
    try {
      const stored = JSON.parse(text) as { idToken?: unknown; expiresAt?: unknown; email?: unknown };
      const expiresAt = new Date(typeof stored.expiresAt === 'string' ? stored.expiresAt : NaN);
      if (typeof stored.idToken === 'string' && typeof stored.email === 'string' && expiresAt.getTime() > this.#now()) return { idToken: stored.idToken, expiresAt, email: stored.email };
    } catch {
      // Not ours, or from an older player: forgotten below.
    }
    this.remove(tenantSlug);
    return undefined;
  }

  set(tenantSlug: string, session: ViewerSession): void {
    this.#attempt(() => this.#storage?.setItem(this.#prefix + tenantSlug, JSON.stringify({ idToken: session.idToken, expiresAt: session.expiresAt.toISOString(), email: session.email })));
  }

  remove(tenantSlug: string): void {
    this.#attempt(() => this.#storage?.removeItem(this.#prefix + tenantSlug));
  }

  /** Storage may throw (quota, or access denied in a sandboxed frame): the player goes on without it. */
  #attempt<T>(action: () => T): T | undefined {
    try {
      return action();
    } catch {
      return undefined;
    }
  }
}
