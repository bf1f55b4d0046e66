// The built-in viewer sign-in, without its view: which workspace the video belongs to (and so which signed-in
// state applies), the steps of signing in, setting a first password, resetting a forgotten one and creating an
// account where the tenant lets anyone, and the session
// kept per tenant. The player hands it the view's requests and the JS API's calls alike.
import { ViewerAuthError, type ViewerAuthClient, type ViewerSignInScreen } from './viewer-auth-client.js';
import type { ViewerSession, ViewerSessionStore } from './viewer-session-store.js';

export type { ViewerSession };

/** What signIn() led to: playing, or a new password to choose first (call completeNewPassword). */
export type SignInResult = 'signed-in' | 'new-password-required';

export class ViewerSignIn {
  readonly #client: ViewerAuthClient;
  readonly #store: ViewerSessionStore;
  readonly #videoId: string;
  readonly #signedIn: (session: ViewerSession) => void;
  #screen: Promise<ViewerSignInScreen> | undefined;
  /** The first sign-in's challenge, between signIn() and completeNewPassword(). */
  #challenge: { email: string; session: string } | undefined;

  constructor(client: ViewerAuthClient, store: ViewerSessionStore, videoId: string, signedIn: (session: ViewerSession) => void) {
    this.#client = client;
    this.#store = store;
    this.#videoId = videoId;
    this.#signedIn = signedIn;
  }

  /** The video's sign-in screen (asked once per player; asked again after a failure). */
  screen(): Promise<ViewerSignInScreen> {
    if (!this.#screen) {
      this.#screen = this.#client.signInScreen(this.#videoId);
      this.#screen.catch(() => (this.#screen = undefined));
    }
    return this.#screen;
  }

  /** The tenant's kept session, when one is still in force. */
  async storedSession(): Promise<ViewerSession | undefined> {
    return this.#store.get((await this.screen()).tenantSlug);
  }

  /** The kept session was refused (the viewer was removed, or the pool changed): it goes. */
  async forgetStored(): Promise<void> {
    this.#store.remove((await this.screen()).tenantSlug);
  }

  async signIn(email: string, password: string): Promise<SignInResult> {
    const tenantSlug = (await this.screen()).tenantSlug;
    const answer = await this.#client.signIn(tenantSlug, email, password);
    if (answer.kind === 'new-password-required') {
      this.#challenge = { email, session: answer.session };
      return 'new-password-required';
    }
    this.#keep(tenantSlug, { idToken: answer.idToken, expiresAt: answer.expiresAt, email });
    return 'signed-in';
  }

  async completeNewPassword(newPassword: string): Promise<void> {
    const challenge = this.#challenge;
    if (!challenge) throw new ViewerAuthError('Sign in with the temporary password from your invitation first.', false);
    const tenantSlug = (await this.screen()).tenantSlug;
    const tokens = await this.#client.completeNewPassword(tenantSlug, challenge.session, newPassword);
    this.#challenge = undefined;
    this.#keep(tenantSlug, { ...tokens, email: challenge.email });
  }

  async requestPasswordReset(email: string): Promise<void> {
    await this.#client.requestPasswordReset((await this.screen()).tenantSlug, email);
  }

  /** Sets the new password with the emailed code, then signs in with it. */
  async confirmPasswordReset(email: string, code: string, newPassword: string): Promise<SignInResult> {
    await this.#client.confirmPasswordReset((await this.screen()).tenantSlug, email, code, newPassword);
    return this.signIn(email, newPassword);
  }

  /** Emails a code to confirm the address of a new account (where the tenant takes sign-ups). */
  async startSignUp(email: string): Promise<void> {
    await this.#client.startSignUp((await this.screen()).tenantSlug, email);
  }

  /** Creates the account with the emailed code and the chosen password, and signs in with it. */
  async completeSignUp(email: string, code: string, password: string): Promise<void> {
    const tenantSlug = (await this.screen()).tenantSlug;
    const tokens = await this.#client.completeSignUp(tenantSlug, email, code, password);
    this.#keep(tenantSlug, { ...tokens, email });
  }

  /** Forgets the tenant's session on this site (every embed of the tenant signs out on its next load). */
  async signOut(): Promise<void> {
    this.#challenge = undefined;
    this.#store.remove((await this.screen()).tenantSlug);
  }

  #keep(tenantSlug: string, session: ViewerSession): void {
    this.#store.set(tenantSlug, session);
    this.#signedIn(session);
  }
}
