// The viewerAuth procedures the built-in sign-in calls, over plain fetch like playback.authorize (no tRPC client
// in the bundle): GET for the query, POST with a JSON body for mutations. tRPC answers `{ result: { data } }`, or
// `{ error: { message } }` with a message written for the viewer, which is shown as it is.
import type { Branding, ViewerSignInScreen } from '@ott/contracts';

export type { ViewerSignInScreen };

/** A refusal the viewer can act on (wrong password, expired code…), in the API's words; or the API out of reach (`unreachable`). */
export class ViewerAuthError extends Error {
  constructor(
    message: string,
    readonly unreachable: boolean,
  ) {
    super(message);
    this.name = 'ViewerAuthError';
  }
}

export interface ViewerTokens {
  idToken: string;
  expiresAt: Date;
}

export type SignInAnswer = ({ kind: 'signed-in' } & ViewerTokens) | { kind: 'new-password-required'; session: string };

export class ViewerAuthClient {
  readonly #base: string;
  readonly #fetch: typeof fetch;

  constructor(api: string, fetchImpl: typeof fetch) {
    this.#base = `${api.replace(/\/+$/, '')}/trpc`;
    this.#fetch = fetchImpl;
  }

  async signInScreen(videoId: string): Promise<ViewerSignInScreen> {
    const screen = await this.#call<ViewerSignInScreen>('signInScreen', { videoId }, 'GET');
    const branding = (screen.branding ?? {}) as Partial<Branding>;
    return {
      tenantSlug: String(screen.tenantSlug),
      title: typeof screen.title === 'string' ? screen.title : '',
      branding: { accentColor: branding.accentColor ?? null, logoUrl: branding.logoUrl ?? null, showPlatformLogo: branding.showPlatformLogo === true },
      posterUrl: typeof screen.posterUrl === 'string' ? screen.posterUrl : null,
      signUpOpen: screen.signUpOpen === true,
    };
  }

  async signIn(tenantSlug: string, email: string, password: string): Promise<SignInAnswer> {
    const answer = await this.#call<{ kind: string; idToken?: string; expiresAt?: string; session?: string }>('signIn', { tenantSlug, email, password });
    if (answer.kind === 'new-password-required') return { kind: 'new-password-required', session: String(answer.session) };
    return { kind: 'signed-in', ...tokensOf(answer) };
  }

  async completeNewPassword(tenantSlug: string, session: string, newPassword: string): Promise<ViewerTokens> {
    return tokensOf(await this.#call('completeNewPassword', { tenantSlug, session, newPassword }));
  }

  async requestPasswordReset(tenantSlug: string, email: string): Promise<void> {
    await this.#call('requestPasswordReset', { tenantSlug, email });
  }

  async confirmPasswordReset(tenantSlug: string, email: string, code: string, newPassword: string): Promise<void> {
    await this.#call('confirmPasswordReset', { tenantSlug, email, code, newPassword });
  }

  async startSignUp(tenantSlug: string, email: string): Promise<void> {
    await this.#call('startSignUp', { tenantSlug, email });
  }

  async completeSignUp(tenantSlug: string, email: string, code: string, password: string): Promise<ViewerTokens> {
    return tokensOf(await this.#call('completeSignUp', { tenantSlug, email, code, password }));
  }

  async #call<T>(procedure: string, input: unknown, method: 'GET' | 'POST' = 'POST'): Promise<T> {
    const url = `${this.#base}/viewerAuth.${procedure}`;
    let response: Response;
    try {
      response =
        method === 'GET'
          ? await this.#fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { credentials: 'omit' })
          : await this.#fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input), credentials: 'omit' });
    } catch {
      throw new ViewerAuthError('', true);
    }
    const body = (await response.json().catch(() => undefined)) as { result?: { data?: unknown }; error?: { message?: unknown } } | undefined;
    if (response.ok && body?.result) return body.result.data as T;
    const message = typeof body?.error?.message === 'string' ? body.error.message : '';
    throw new ViewerAuthError(message, message === '');
  }
}

function tokensOf(answer: { idToken?: unknown; expiresAt?: unknown }): ViewerTokens {
  if (typeof answer.idToken !== 'string' || typeof answer.expiresAt !== 'string') throw new ViewerAuthError('', true);
  return { idToken: answer.idToken, expiresAt: new Date(answer.expiresAt) };
}
