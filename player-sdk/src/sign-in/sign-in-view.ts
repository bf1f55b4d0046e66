// The sign-in form inside the player: a card over the video's poster, in the tenant's logo and accent colour and the
// player's language, with its steps (sign in, choose a first password, ask for a reset code, set a password with
// it, and where the tenant takes sign-ups: ask for a code to a new address, create the account with it), and a sign-out button once signed in. It turns submissions into calls on its host and shows their refusals as
// the API wrote them; it keeps no state of its own beyond what is on screen.
import type { Branding } from '@ott/contracts';
import type { PlayerMessages } from '../i18n/player-messages.js';
import { ViewerAuthError } from './viewer-auth-client.js';
import { cardOverlay, element as newElement, logoOf } from './card-overlay.js';

export type SignInStep = 'sign-in' | 'new-password' | 'forgot' | 'reset' | 'sign-up' | 'confirm-sign-up';

/** What the form asks for; each resolves to the step to show next, or undefined when the viewer is signed in. */
export interface SignInViewHost {
  signIn(email: string, password: string): Promise<SignInStep | undefined>;
  completeNewPassword(newPassword: string): Promise<void>;
  requestPasswordReset(email: string): Promise<void>;
  confirmPasswordReset(email: string, code: string, newPassword: string): Promise<SignInStep | undefined>;
  startSignUp(email: string): Promise<void>;
  completeSignUp(email: string, code: string, password: string): Promise<void>;
  signOut(): void;
}

interface Field {
  name: 'email' | 'password' | 'code' | 'newPassword';
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  hint?: string;
}

export class SignInView {
  readonly #overlay: HTMLElement;
  readonly #card: HTMLFormElement;
  readonly #signOut: HTMLButtonElement;
  readonly #messages: PlayerMessages;
  readonly #host: SignInViewHost;
  readonly #keyTarget: HTMLElement;
  #title = '';
  #logoUrl: string | null = null;
  #signUpOpen = false;
  #email = '';
  #notice = '';

  /** `keyTarget` (the player element) gets the attribute `sign-in-open` while the form shows, for its size. */
  constructor(root: HTMLElement, keyTarget: HTMLElement, messages: PlayerMessages, host: SignInViewHost) {
    this.#messages = messages;
    this.#host = host;
    this.#keyTarget = keyTarget;
    const document = root.ownerDocument;
    ({ overlay: this.#overlay, card: this.#card } = cardOverlay(root, { part: 'sign-in', language: messages.language, card: 'form' }));
    this.#signOut = document.createElement('button');
    this.#signOut.type = 'button';
    this.#signOut.className = 'sign-out';
    this.#signOut.setAttribute('part', 'sign-out');
    this.#signOut.lang = messages.language;
    this.#signOut.textContent = messages.signOut;
    this.#signOut.hidden = true;
    this.#signOut.addEventListener('click', () => host.signOut());
    root.append(this.#signOut);
  }

  /** Shows `step` for this video, in the tenant's branding. */
  show(step: SignInStep, screen?: { title: string; branding: Branding; signUpOpen: boolean }): void {
    if (screen) {
      this.#title = screen.title;
      this.#signUpOpen = screen.signUpOpen;
      if (screen.branding.accentColor) this.#overlay.style.setProperty('--ott-brand-accent', screen.branding.accentColor);
      this.#logoUrl = screen.branding.logoUrl;
    }
    this.#render(step, false);
    this.#overlay.hidden = false;
    this.#signOut.hidden = true;
    this.#keyTarget.toggleAttribute('sign-in-open', true);
  }

  hide(): void {
    this.#overlay.hidden = true;
    this.#keyTarget.toggleAttribute('sign-in-open', false);
  }

  get open(): boolean {
    return !this.#overlay.hidden;
  }

  /** Signed in through this form (or a kept session): the sign-out button, labelled with who is signed in. */
  showSignedIn(email: string | undefined): void {
    this.#signOut.hidden = email === undefined;
    if (email !== undefined) this.#signOut.title = this.#messages.signedInAs(email);
  }

  /** `focus`: the viewer moved between steps (a player appearing on a page does not take the focus). */
  #render(step: SignInStep, focus = true): void {
    const m = this.#messages;
    const document = this.#card.ownerDocument;
    const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => newElement(document, tag, className, text);
    const parts: HTMLElement[] = logoOf(document, this.#logoUrl);
    const heading = {
      'sign-in': this.#title ? m.signInTitleFor(this.#title) : m.signInTitle,
      'new-password': m.newPasswordTitle,
      forgot: m.resetTitle,
      reset: m.resetTitle,
      'sign-up': m.signUpTitle,
      'confirm-sign-up': m.signUpTitle,
    }[step];
    const intro = {
      'sign-in': m.signInIntro,
      'new-password': m.newPasswordIntro,
      forgot: m.resetIntro,
      reset: m.codeSent(this.#email),
      'sign-up': m.signUpIntro,
      'confirm-sign-up': m.signUpCodeSent(this.#email),
    }[step];
    parts.push(element('h2', 'sign-in-heading', heading));
    const notice = element('p', 'sign-in-notice', this.#notice);
    notice.hidden = this.#notice === '';
    this.#notice = '';
    parts.push(notice, element('p', 'sign-in-intro', intro));
    const fields: Field[] = {
      'sign-in': [
        { name: 'email', label: m.email, type: 'email', autocomplete: 'username' },
        { name: 'password', label: m.password, type: 'password', autocomplete: 'current-password' },
      ] satisfies Field[],
      'new-password': [{ name: 'newPassword', label: m.newPassword, type: 'password', autocomplete: 'new-password', hint: m.newPasswordHint }] satisfies Field[],
      forgot: [{ name: 'email', label: m.email, type: 'email', autocomplete: 'username' }] satisfies Field[],
      reset: [
        { name: 'code', label: m.code, type: 'text', autocomplete: 'one-time-code' },
        { name: 'newPassword', label: m.newPassword, type: 'password', autocomplete: 'new-password', hint: m.newPasswordHint },
      ] satisfies Field[],
      'sign-up': [{ name: 'email', label: m.email, type: 'email', autocomplete: 'username' }] satisfies Field[],
      'confirm-sign-up': [
        { name: 'code', label: m.code, type: 'text', autocomplete: 'one-time-code' },
        { name: 'newPassword', label: m.choosePassword, type: 'password', autocomplete: 'new-password', hint: m.newPasswordHint },
      ] satisfies Field[],
    }[step];
    for (const field of fields) {
      const label = element('label', 'sign-in-field');
      label.append(element('span', '', field.label));
      const input = element('input', '');
      input.name = field.name;
      input.type = field.type;
      input.required = true;
      input.autocomplete = field.autocomplete as AutoFill;
      if (field.name === 'email') input.value = this.#email;
      if (field.name === 'newPassword') input.minLength = 10;
      if (field.name === 'code') input.inputMode = 'numeric';
      label.append(input);
      if (field.hint) label.append(element('small', '', field.hint));
      parts.push(label);
    }
    const error = element('p', 'sign-in-error');
    error.setAttribute('role', 'alert');
    const submit = element(
      'button',
      'sign-in-submit',
      { 'sign-in': m.signIn, 'new-password': m.savePassword, forgot: m.sendCode, reset: m.setNewPassword, 'sign-up': m.sendCode, 'confirm-sign-up': m.createAccount }[step],
    );
    submit.type = 'submit';
    parts.push(error, submit);
    const link = (text: string, next: SignInStep) => {
      const button = element('button', 'sign-in-link', text);
      button.type = 'button';
      button.addEventListener('click', () => this.#render(next));
      return button;
    };
    if (step === 'sign-in') parts.push(link(m.forgotPassword, 'forgot'), ...(this.#signUpOpen ? [link(m.signUpLink, 'sign-up')] : []));
    else parts.push(link(m.backToSignIn, 'sign-in'));
    this.#card.replaceChildren(...parts);
    this.#card.onsubmit = (event) => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(this.#card)) as Record<Field['name'], string | undefined>;
      if (values.email !== undefined) this.#email = values.email.trim();
      const label = submit.textContent ?? '';
      submit.disabled = true;
      submit.textContent = m.signingIn;
      error.textContent = '';
      void this.#submit(step, values).then(
        (next) => (next ? this.#render(next) : undefined),
        (problem: unknown) => {
          submit.disabled = false;
          submit.textContent = label;
          error.textContent = problem instanceof ViewerAuthError && !problem.unreachable ? problem.message : m.signInUnreachable;
        },
      );
    };
    if (focus) (this.#card.querySelector<HTMLInputElement>(step === 'sign-in' && this.#email ? 'input[name="password"]' : 'input') ?? submit).focus({ preventScroll: true });
  }

  async #submit(step: SignInStep, values: Record<Field['name'], string | undefined>): Promise<SignInStep | undefined> {
    switch (step) {
      case 'sign-in':
        return this.#host.signIn(this.#email, values.password ?? '');
      case 'new-password':
        await this.#host.completeNewPassword(values.newPassword ?? '');
        return undefined;
      case 'forgot':
        await this.#host.requestPasswordReset(this.#email);
        return 'reset';
      case 'reset': {
        const next = await this.#host.confirmPasswordReset(this.#email, values.code ?? '', values.newPassword ?? '');
        this.#notice = this.#messages.passwordChanged;
        return next;
      }
      case 'sign-up':
        await this.#host.startSignUp(this.#email);
        return 'confirm-sign-up';
      case 'confirm-sign-up':
        await this.#host.completeSignUp(this.#email, values.code ?? '', values.newPassword ?? '');
        return undefined;
    }
  }
}
