import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { apiUrl } from '../api/api-url.js';
import { ErrorNotice } from '../components/error-notice.js';
import { loadPlayerSdk } from './load-player-sdk.js';

interface PlayerPreviewProps {
  videoId: string;
  /** Changes when branding changes, so the player starts again with the new look. */
  brandingVersion?: string;
  /** A preview token for videos that are not public (from `videos.previewToken`). */
  credential?: string;
  /**
   * Changes when the video does (renamed, finished transcoding): the running player asks again for its title,
   * poster and duration, and plays on.
   */
  revision?: string;
  label: string;
}

/** The part of `<ott-player>` (player-sdk's OttPlayerElement) the preview drives. */
type PlayerElement = HTMLElement & { player?: { refresh(): Promise<void> } };

/** The tenant's video in the real player, exactly as an embed shows it. */
export function PlayerPreview({ videoId, brandingVersion = '', credential, revision, label }: PlayerPreviewProps) {
  const api = apiUrl();
  const element = useRef<PlayerElement>(null);
  const shown = useRef(revision);
  useEffect(() => {
    if (shown.current === revision) return;
    shown.current = revision;
    void element.current?.player?.refresh();
  }, [revision]);
  const sdk = useQuery({ queryKey: ['player-sdk', api], queryFn: () => loadPlayerSdk(api).then(() => true), staleTime: Number.POSITIVE_INFINITY, retry: false });
  if (sdk.error) return <ErrorNotice error={sdk.error} />;
  if (!sdk.data) return <div className="player-frame player-loading" aria-label={label} aria-busy="true" />;
  return (
    <div className="player-frame" role="region" aria-label={label}>
      <ott-player ref={element} key={`${videoId}:${brandingVersion}`} video-id={videoId} api={api} {...(credential ? { credential } : {})} />
    </div>
  );
}
