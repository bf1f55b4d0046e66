// Keeps the admin access token usable: refreshed when it is within a minute of expiry, or once after the
// server refuses it. Refresh tokens rotate, so each new pair is saved before it is used.
import { isUnauthorized } from './api-errors.js';
import type { CliContext } from './cli-context.js';
import { CliError } from './cli-error.js';
import { changeSession, loadSession, storedSessionFrom, type StoredSession } from './credentials-store.js';

const REFRESH_MARGIN_MS = 60_000;

export type RefreshSession = (refreshToken: string) => Promise<Parameters<typeof storedSessionFrom>[0]>;

export class AccessTokens {
  private session: StoredSession | undefined;
  /** Set when the server refused the current access token although its clock said it was valid. */
  private refused = false;
  private rotation: Promise<StoredSession> | undefined;

  constructor(
    private readonly ctx: Pick<CliContext, 'api' | 'configDir' | 'clock'>,
    private readonly refresh: RefreshSession,
  ) {}

  async current(): Promise<string> {
    this.session ??= await loadSession(this.ctx.configDir, this.ctx.api);
    if (!this.session) throw notSignedIn(this.ctx.api);
    if (!this.refused && this.isFresh(this.session)) return this.session.accessToken;
    // Concurrent calls share one refresh: a second refresh would reuse a rotated token and end the session.
    this.rotation ??= this.rotate().finally(() => {
      this.rotation = undefined;
    });
    return (await this.rotation).accessToken;
  }

  /** The server answered UNAUTHORIZED to a call sent with `token`; true when a retry may succeed. */
  refusedToken(token: string | undefined): boolean {
    if (token === undefined) return false;
    if (token === this.session?.accessToken) this.refused = true;
    return true;
  }

  private async rotate(): Promise<StoredSession> {
    const refusedToken = this.refused ? this.session?.accessToken : undefined;
    let refusal: string | undefined;
    const next = await changeSession(this.ctx.configDir, this.ctx.api, async (stored) => {
      if (!stored) return undefined;
      // Another ott process may have rotated the pair already; its access token is as good as a new one.
      if (stored.accessToken !== refusedToken && this.isFresh(stored)) return stored;
      try {
        return storedSessionFrom(await this.refresh(stored.refreshToken), stored.email);
      } catch (error) {
        if (!isUnauthorized(error)) throw error;
        refusal = error instanceof Error ? error.message : undefined;
        return undefined;
      }
    });
    if (!next) throw sessionEnded(this.ctx.api, this.session, refusal);
    this.session = next;
    this.refused = false;
    return next;
  }

  private isFresh(session: StoredSession): boolean {
    return Date.parse(session.accessTokenExpiresAt) - this.ctx.clock.now() > REFRESH_MARGIN_MS;
  }
}

function notSignedIn(api: string): CliError {
  return new CliError(`not signed in to ${api}; run: ott login --tenant <workspace> --email <e-mail> (or ott signup)`);
}

function sessionEnded(api: string, session: StoredSession | undefined, refusal: string | undefined): CliError {
  const login = `ott login --tenant ${session?.tenantSlug ?? '<workspace>'} --email ${session?.email ?? '<e-mail>'}`;
  return new CliError(`your session at ${api} has ended${refusal ? ` (${refusal})` : ''}; run: ${login}`);
}
