// Where a viewer is, for titles with a country rule (domain/playback/title-availability.ts). A header names it only
// when a proxy we trust wrote it: the request's peer must be one of OTT_TRUSTED_PROXIES (as for X-Forwarded-For in
// client-address.ts), or any client could claim any country by sending the header itself.
//
// aws shape: CloudFront adds `CloudFront-Viewer-Country` (two letters, from the viewer's address) to what it sends
// its origin when the distribution's origin request policy includes it. The platform stack puts the API distribution
// (tenant-infra api-distribution.ts) in front of the load balancer, which admits only our distributions, and sets
// OTT_VIEWER_COUNTRY_HEADER=CloudFront-Viewer-Country with the balancer's network as the trusted proxies.
// Local shape: the header a reverse proxy in front of the API sets (e.g. from a GeoIP module), and/or a fixed
// country (OTT_DEFAULT_VIEWER_COUNTRY) for a deployment whose viewers are all in one place.
import type { IncomingMessage } from 'node:http';
import type { CountryCode } from '@ott/contracts';
import type { Cidr } from '@ott/signing';
import { parseViewerCountry } from '../domain/playback/title-availability.js';
import { trustedProxyHeader } from './trusted-proxy-header.js';

export interface ViewerCountrySource {
  /** The header a trusted proxy writes the viewer's country in (OTT_VIEWER_COUNTRY_HEADER); none: never read. */
  header?: string | undefined;
  /** The country of a viewer no trusted header names (OTT_DEFAULT_VIEWER_COUNTRY); none: unknown. */
  fallback?: CountryCode | undefined;
}

export function viewerCountry(request: IncomingMessage, trustedProxies: readonly Cidr[], source: ViewerCountrySource): CountryCode | undefined {
  const value = trustedProxyHeader(request, trustedProxies, source.header);
  // A proxy that could not tell (CloudFront writes `XX`) leaves the viewer's country unknown, not the fallback's.
  if (value !== undefined) return parseViewerCountry(value);
  return source.fallback;
}
