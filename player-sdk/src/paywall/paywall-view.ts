// The paywall inside the player: a card over the poster, in the tenant's logo and accent colour and the player's
// language (the sign-in card's look), with the refusal's sentence, each offer's price and terms, and a button that asks
// the host to open checkout. While the host works the buttons wait; a refusal shows under the offers.
import type { Branding } from '@ott/contracts';
import type { PlayerMessages } from '../i18n/player-messages.js';
import { cardOverlay, element as newElement, logoOf } from '../sign-in/card-overlay.js';
import { ViewerAuthError } from '../sign-in/viewer-auth-client.js';
import type { Offer } from './offer.js';
import { offerText } from './offer-text.js';

const PAYWALL_CSS = `
.paywall-offer { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 4px 12px; padding: 10px 0; border-top: 1px solid rgba(255, 255, 255, 0.16); }
.paywall-offer h3 { margin: 0; font-size: 1em; }
.paywall-price { font-weight: 650; }
.paywall-terms { grid-column: 1; margin: 0; font-size: 0.88em; opacity: 0.85; }
.paywall-offer .sign-in-submit { grid-column: 2; grid-row: 1 / span 3; }
`;

export interface PaywallHost {
  /** Opens checkout for the offer; resolves once the page is on its way there. */
  buy(offerId: string): Promise<void>;
}

export class PaywallView {
  readonly #overlay: HTMLElement;
  readonly #card: HTMLElement;
  readonly #messages: PlayerMessages;
  readonly #host: PaywallHost;
  readonly #keyTarget: HTMLElement;

  /** `keyTarget` (the player element) gets `sign-in-open` while the card shows, for its size (as the sign-in form). */
  constructor(root: HTMLElement, keyTarget: HTMLElement, messages: PlayerMessages, host: PaywallHost) {
    this.#messages = messages;
    this.#host = host;
    this.#keyTarget = keyTarget;
    ({ overlay: this.#overlay, card: this.#card } = cardOverlay(root, { part: 'paywall', language: messages.language, card: 'div', css: PAYWALL_CSS }));
    this.#card.setAttribute('role', 'dialog');
  }

  get open(): boolean {
    return !this.#overlay.hidden;
  }

  /** The offers for this title, under `message` (why it is locked: "rent it again", or "for paying viewers"). */
  show(screen: { title: string; branding: Branding }, message: string, offers: readonly Offer[]): void {
    const m = this.#messages;
    const document = this.#card.ownerDocument;
    const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => newElement(document, tag, className, text);
    if (screen.branding.accentColor) this.#overlay.style.setProperty('--ott-brand-accent', screen.branding.accentColor);
    const parts: HTMLElement[] = logoOf(document, screen.branding.logoUrl);
    parts.push(element('h2', 'sign-in-heading', m.paywallTitleFor(screen.title)), element('p', 'sign-in-intro', message));
    const error = element('p', 'sign-in-error');
    error.setAttribute('role', 'alert');
    const buttons: HTMLButtonElement[] = [];
    for (const offer of offers) {
      const text = offerText(offer, m);
      const row = element('section', 'paywall-offer');
      row.dataset.offerId = offer.id;
      const button = element('button', 'sign-in-submit', text.action);
      button.type = 'button';
      button.addEventListener('click', () => {
        for (const each of buttons) each.disabled = true;
        button.textContent = m.openingCheckout;
        error.textContent = '';
        this.#host.buy(offer.id).catch((problem: unknown) => {
          for (const each of buttons) each.disabled = false;
          button.textContent = text.action;
          error.textContent = problem instanceof ViewerAuthError && !problem.unreachable ? problem.message : m.checkoutUnreachable;
        });
      });
      buttons.push(button);
      row.append(element('h3', '', offer.name), element('span', 'paywall-price', text.price), ...text.terms.map((term) => element('p', 'paywall-terms', term)), button);
      parts.push(row);
    }
    parts.push(error);
    this.#card.replaceChildren(...parts);
    this.#overlay.hidden = false;
    this.#keyTarget.toggleAttribute('sign-in-open', true);
  }

  hide(): void {
    this.#overlay.hidden = true;
    this.#keyTarget.toggleAttribute('sign-in-open', false);
  }
}
