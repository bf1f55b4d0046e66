/**
 * Where the API lives: this page's own origin. The control plane serves the portal, and it accepts the portal's
 * session cookie only from there (the dev server forwards API paths and stands in for that origin).
 */
export function apiUrl(): string {
  return window.location.origin;
}
