// Every message the platform sends on a tenant's behalf, in the tenant's colours: its name, logo and accent colour
// around a heading, a few paragraphs and at most one button. Plain text always (the button becomes its URL on a line
// of its own), HTML beside it; everything a tenant or a user typed is HTML-escaped.

export interface EmailBrand {
  tenantName: string;
  logoUrl: string | null;
  /** `#rrggbb`; the platform's blue when the tenant chose none. */
  accentColor: string | null;
}

export interface EmailContent {
  subject: string;
  heading: string;
  paragraphs: readonly string[];
  action?: { label: string; url: string };
  /** Why the reader got this, in small print (e.g. "You were invited by …; ignore this if you did not expect it."). */
  footnote?: string;
}

const DEFAULT_ACCENT = '#2563eb';

export function brandedEmail(brand: EmailBrand, content: EmailContent): { subject: string; text: string; html: string } {
  const accent = brand.accentColor && /^#[0-9a-f]{6}$/i.test(brand.accentColor) ? brand.accentColor : DEFAULT_ACCENT;
  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(content.footnote ? [content.footnote, ''] : []),
    `— ${brand.tenantName}`,
  ].join('\n');
  const logo = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.tenantName)}" style="max-height:48px;max-width:200px">`
    : `<strong style="font-size:20px">${escapeHtml(brand.tenantName)}</strong>`;
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:${accent};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>`
    : '';
  const html = `<!doctype html>
<html><body style="margin:0;background:#f4f4f5;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#18181b">
<div style="max-width:560px;margin:0 auto;padding:24px">
<div style="border-top:4px solid ${accent};background:#ffffff;border-radius:8px;padding:24px">
<div style="margin-bottom:16px">${logo}</div>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((paragraph) => `<p style="line-height:1.5">${escapeHtml(paragraph)}</p>`).join('\n')}
${button}
${content.footnote ? `<p style="color:#71717a;font-size:13px">${escapeHtml(content.footnote)}</p>` : ''}
</div></div></body></html>`;
  return { subject: content.subject, text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character);
}
