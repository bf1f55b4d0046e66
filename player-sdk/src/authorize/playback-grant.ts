// What playback.authorize gives the player, as it arrives over JSON (dates as ISO strings) and as the player
// keeps it. Only what the browser needs: cookies and the raw policy are for other kinds of client.
import type { Branding, PlaybackAuthorization, PlaybackAuthorizationJson } from '@ott/contracts';

export type { Branding };

export interface PlaybackGrant extends Pick<
  PlaybackAuthorization,
  'videoId' | 'title' | 'durationSeconds' | 'branding' | 'posterUrl' | 'storyboardVttUrl' | 'chaptersVttUrl' | 'manifestUrl' | 'signedManifestUrl' | 'expiresAt' | 'query'
> {
  /** `{session id}.{signature}`: this load's playback session, signed by the platform; QoE reports carry it. Null from a control plane from before sessions. */
  playbackSession: string | null;
}

export function parsePlaybackGrant(data: unknown): PlaybackGrant {
  const grant = data as Partial<Record<keyof PlaybackAuthorizationJson, unknown>> | null;
  const text = (value: unknown, name: string): string => {
    if (typeof value !== 'string') throw new Error(`playback.authorize returned no ${name}`);
    return value;
  };
  const branding = (grant?.branding ?? {}) as Partial<Branding>;
  const expiresAt = new Date(text(grant?.expiresAt, 'expiresAt'));
  if (Number.isNaN(expiresAt.getTime())) throw new Error('playback.authorize returned an invalid expiresAt');
  return {
    videoId: text(grant?.videoId, 'videoId'),
    title: typeof grant?.title === 'string' ? grant.title : '',
    durationSeconds: typeof grant?.durationSeconds === 'number' ? grant.durationSeconds : null,
    branding: {
      accentColor: typeof branding.accentColor === 'string' ? branding.accentColor : null,
      logoUrl: typeof branding.logoUrl === 'string' ? branding.logoUrl : null,
      showPlatformLogo: branding.showPlatformLogo === true,
    },
    posterUrl: grant?.posterUrl === null ? null : text(grant?.posterUrl, 'posterUrl'),
    storyboardVttUrl: grant?.storyboardVttUrl === null ? null : text(grant?.storyboardVttUrl, 'storyboardVttUrl'),
    // A control plane from before chapters sends none: no chapters.
    chaptersVttUrl: typeof grant?.chaptersVttUrl === 'string' ? grant.chaptersVttUrl : null,
    manifestUrl: text(grant?.manifestUrl, 'manifestUrl'),
    signedManifestUrl: text(grant?.signedManifestUrl, 'signedManifestUrl'),
    expiresAt,
    query: text(grant?.query, 'query'),
    // A control plane from before sessions gives none: playback goes on, QoE is not reported.
    playbackSession: typeof grant?.playbackSession === 'string' ? grant.playbackSession : null,
  };
}
