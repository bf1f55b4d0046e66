// playback.authorize's answer as it arrives over JSON, for a public video without branding, poster or storyboard.
export function grantData(lifetimeMs = 600_000) {
  return {
    videoId: '5b0c8f5e-3f7a-4a8e-9a51-0d6f8c3b2a11',
    title: 'Launch film',
    durationSeconds: 30,
    branding: { accentColor: null, logoUrl: null, showPlatformLogo: true },
    posterUrl: null,
    storyboardVttUrl: null,
    chaptersVttUrl: null,
    manifestUrl: 'https://edge.example/master.m3u8',
    signedManifestUrl: 'https://edge.example/master.m3u8?Policy=p&Signature=s&Key-Pair-Id=k',
    expiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
    query: 'Policy=p&Signature=s&Key-Pair-Id=k',
  };
}
