/**
 * Where the API lives. The control plane serves the portal, so by default it is this page's own origin;
 * a build for another host can set VITE_OTT_API.
 */
export function apiUrl(): string {
  const configured: unknown = import.meta.env.VITE_OTT_API;
  return typeof configured === 'string' && configured !== '' ? configured.replace(/\/$/, '') : window.location.origin;
}
