// What a session is broken down by, resolved once when its first beacon arrives: the device, OS and browser from the
// User-Agent (bowser, a maintained parser), the embedding site as the referrer's origin (never its path: pages can
// carry personal data in their paths and queries), the country (the same source as title availability), the player's
// version and how the video is accessed. Every value is bounded; what is not known is `unknown`.
import { ANALYTICS_UNKNOWN, type AnalyticsDeviceType } from '@ott/contracts';
import Bowser from 'bowser';

export interface ViewerDimensions {
  country: string;
  deviceType: AnalyticsDeviceType | typeof ANALYTICS_UNKNOWN;
  os: string;
  browser: string;
  referrerOrigin: string;
  playerVersion: string;
  accessMode: string;
}

export interface BeaconRequest {
  userAgent: string | undefined;
  referrer: string | undefined;
  country: string | undefined;
  playerVersion: string | undefined;
}

const PLATFORM_TYPES: Record<string, AnalyticsDeviceType> = { desktop: 'desktop', mobile: 'mobile', tablet: 'tablet', tv: 'tv', bot: 'other' };
/** A User-Agent longer than this is not a browser's; it is read up to here. */
const MAX_USER_AGENT = 512;
const MAX_VALUE = 100;

export function viewerDimensions(request: BeaconRequest, accessMode: string): ViewerDimensions {
  const parsed = request.userAgent ? Bowser.parse(request.userAgent.slice(0, MAX_USER_AGENT)) : undefined;
  const platform = parsed?.platform.type;
  return {
    country: request.country ?? ANALYTICS_UNKNOWN,
    deviceType: platform === undefined ? (parsed ? 'other' : ANALYTICS_UNKNOWN) : (PLATFORM_TYPES[platform] ?? 'other'),
    os: bounded(parsed?.os.name),
    browser: bounded(parsed?.browser.name),
    referrerOrigin: referrerOrigin(request.referrer),
    playerVersion: bounded(request.playerVersion),
    accessMode,
  };
}

/** `https://shop.example` of `https://shop.example/films/1?user=…`; unknown for anything that is not an http(s) URL. */
export function referrerOrigin(referrer: string | undefined): string {
  if (!referrer) return ANALYTICS_UNKNOWN;
  try {
    const url = new URL(referrer);
    return url.protocol === 'https:' || url.protocol === 'http:' ? bounded(url.origin) : ANALYTICS_UNKNOWN;
  } catch {
    return ANALYTICS_UNKNOWN;
  }
}

function bounded(value: string | undefined): string {
  return value ? value.slice(0, MAX_VALUE) : ANALYTICS_UNKNOWN;
}
