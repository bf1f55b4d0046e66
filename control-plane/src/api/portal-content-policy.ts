// The portal page's Content-Security-Policy. Scripts come only from the API's own origin, which serves the portal
// and the player SDK, so an injected <script> or on* attribute never runs; the page talks and plays only with the
// API and the places the platform delivers from (an injected script could not send data elsewhere); nothing may
// frame the portal, move its base URL or take its forms.

/**
 * `delivery`: origins beside the API that the portal fetches from (the edge; in the aws shape CloudFront and S3).
 * `frameAncestors`: who may frame the page; nobody for the portal and the watch page, a tenant's sites for its
 * iframe embeds.
 */
export function portalContentSecurityPolicy(delivery: readonly string[], frameAncestors = "'none'"): string {
  const from = ["'self'", ...delivery].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    // hls.js transmuxes in a Worker it starts from a blob: URL.
    "worker-src 'self' blob:",
    `connect-src ${from}`,
    // hls.js plays through MediaSource, whose object URLs are blob:.
    `media-src ${from} blob:`,
    // Posters, thumbnails and storyboards come from the delivery origins; data: is the page's empty favicon.
    `img-src ${from} data:`,
    // The player SDK keeps its stylesheet in a <style> element of its shadow root. A style cannot run script, and
    // img-src and font-src leave injected CSS nowhere to send data; style attributes stay refused.
    "style-src 'self' 'unsafe-inline'",
    "style-src-attr 'none'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}
