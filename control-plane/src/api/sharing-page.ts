// The HTML shell of the public sharing pages (watch page, iframe embed, "not available"): escaped text, the
// tenant's name, logo and accent colour, and the player SDK from the API's own origin. No inline script: the pages
// run under the portal's Content-Security-Policy.
import type { ServerResponse } from 'node:http';
import type { Branding } from '@ott/contracts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values for HTML: every character that could end a text or an attribute, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** The tenant's accent colour as CSS, only when it is the plain hex colour the API accepts; after the page's own CSS, whose default it overrides. */
function accentCss(branding: Branding | undefined): string {
  const accent = branding?.accentColor;
  return accent && /^#[0-9a-f]{6}$/i.test(accent) ? `:root { --accent: ${accent}; }` : '';
}

export interface SharingPage {
  /** The document's title, already plain text (escaped here). */
  title: string;
  /** Extra <head> elements, already escaped. */
  head?: string;
  /** The <body>'s content, already escaped. */
  body: string;
  branding?: Branding | undefined;
  /** The SDK's script, when the page has a player. */
  sdk?: boolean;
  css: string;
  /** Attributes of the <body>, already escaped (what a page's script reads). */
  bodyAttributes?: string;
  /** More scripts of the API's own origin, after the SDK's, run once the page is parsed. */
  scripts?: readonly string[];
}

export function sharingPageHtml(page: SharingPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
${page.head ?? ''}
<style>${page.css}${accentCss(page.branding)}</style>
</head>
<body${page.bodyAttributes ? ` ${page.bodyAttributes}` : ''}>
${page.body}
${page.sdk ? '<script src="/sdk/ott-player.js"></script>' : ''}
${(page.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('')}
</body>
</html>`;
}

/** The tenant's logo and name, as the watch page and the "not available" page show them. */
export function brandHeader(tenant: { name: string; branding: Branding } | undefined): string {
  if (!tenant) return '';
  const logo = tenant.branding.logoUrl ? `<img class="logo" src="${escapeHtml(tenant.branding.logoUrl)}" alt="">` : '';
  return `<header class="brand">${logo}<span class="name">${escapeHtml(tenant.name)}</span></header>`;
}

export const SHARING_PAGE_CSS = `
:root { color-scheme: dark; --accent: #3b82f6; }
body { margin: 0; background: #0b0b0f; color: #f4f4f5; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.brand { display: flex; align-items: center; gap: 12px; padding: 14px 20px; border-bottom: 3px solid var(--accent); }
.brand .logo { max-height: 32px; max-width: 160px; }
.brand .name { font-weight: 600; }
main { max-width: 1100px; margin: 0 auto; padding: 20px; }
h1 { font-size: 1.5rem; margin: 18px 0 8px; }
.description { white-space: pre-line; color: #d4d4d8; line-height: 1.5; }
ott-player { --ott-accent-color: var(--accent); }
`;

/** An HTML answer under the given Content-Security-Policy; never cached by shared caches (the video may change). */
export function sendHtml(response: ServerResponse, status: number, html: string, policy: string): void {
  response
    .writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': policy,
      'Cache-Control': 'no-cache',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    })
    .end(html);
}

/** The branded (when the tenant is known) "not available" page: 404, and never the video's title. */
export function notAvailableHtml(tenant: { name: string; branding: Branding } | undefined): string {
  return sharingPageHtml({
    title: tenant ? `Not available — ${tenant.name}` : 'Not available',
    branding: tenant?.branding,
    body: `${brandHeader(tenant)}<main><h1>This video is not available.</h1><p class="description">It may have been removed or made private. Ask whoever shared the link for a new one.</p></main>`,
    css: SHARING_PAGE_CSS,
  });
}
