// The card over the poster that the sign-in form and the paywall share: a scrim over the player, a card in the tenant's
// accent and logo (SIGN_IN_CSS), and keys typed inside it kept from the player's shortcuts (k, f, m, digits, space…).
import { SIGN_IN_CSS } from './sign-in-styles.js';

export interface CardOverlay<K extends 'form' | 'div'> {
  overlay: HTMLElement;
  card: HTMLElementTagNameMap[K];
}

/** Appends the overlay (hidden) and its style to `root`; `part` is its class and names it for the page's CSS. */
export function cardOverlay<K extends 'form' | 'div'>(root: HTMLElement, options: { part: string; language: string; card: K; css?: string }): CardOverlay<K> {
  const document = root.ownerDocument;
  const style = document.createElement('style');
  style.textContent = SIGN_IN_CSS + (options.css ?? '');
  const overlay = document.createElement('div');
  overlay.className = options.part;
  overlay.setAttribute('part', options.part);
  overlay.lang = options.language;
  overlay.hidden = true;
  const card = document.createElement(options.card);
  card.className = 'sign-in-card';
  overlay.append(card);
  overlay.addEventListener('keydown', (event) => event.stopPropagation());
  root.append(style, overlay);
  return { overlay, card };
}

/** A new element with its class and text. */
export function element<K extends keyof HTMLElementTagNameMap>(document: Document, tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The tenant's logo at the top of the card, when it has one. */
export function logoOf(document: Document, logoUrl: string | null): HTMLElement[] {
  if (!logoUrl) return [];
  const logo = element(document, 'img', 'sign-in-logo');
  logo.src = logoUrl;
  logo.alt = '';
  return [logo];
}
