// The welcome checklist: what a new workspace does first, each step ticked from what the workspace really holds.

/** What the workspace holds, as far as the checklist cares. */
export interface WorkspaceProgress {
  ready: boolean;
  hasVideo: boolean;
  /** A video transcoded and playable; its page has the embed snippet. */
  readyVideoId: string | undefined;
  branded: boolean;
  hasViewer: boolean;
}

export interface WelcomeStep {
  title: string;
  detail: string;
  done: boolean;
  /** Where to do it. */
  action: { label: string; to: string };
}

export function welcomeSteps(progress: WorkspaceProgress): WelcomeStep[] {
  return [
    {
      title: 'Upload your first video',
      detail: 'drop a file in the library; it is turned into adaptive streams (1080p down to 360p) automatically.',
      done: progress.hasVideo,
      action: { label: 'Upload your first video', to: '/' },
    },
    {
      title: 'Let it transcode, then embed it',
      detail: "when it is ready, copy the player snippet from the video's page into your site.",
      done: progress.readyVideoId !== undefined,
      action: progress.readyVideoId ? { label: 'Open your video', to: `/videos/${progress.readyVideoId}` } : { label: 'Follow it in the library', to: '/' },
    },
    {
      title: 'Brand your player',
      detail: 'add your logo or accent colour; every embed shows it.',
      done: progress.branded,
      action: { label: 'Brand your player', to: '/branding' },
    },
    {
      title: 'Invite a viewer',
      detail: 'viewers sign in to watch videos set to “Viewers”.',
      done: progress.hasViewer,
      action: { label: 'Invite a viewer', to: '/viewers' },
    },
  ];
}
