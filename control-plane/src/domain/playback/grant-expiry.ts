// When a playback grant expires. Expiry is rounded up to a whole minute so concurrent viewers share one signature;
// shorter grants (tests) round to their own length, or the rounding would dwarf them. Key rotation needs the longest
// lifetime this can give: an old signing key stays trusted until every grant it signed has expired.

export function grantExpiry(now: Date, grantSeconds: number): Date {
  const step = roundingStepMs(grantSeconds);
  return new Date(Math.ceil((now.getTime() + grantSeconds * 1000) / step) * step);
}

/** The longest time from signing to expiry `grantExpiry` can give: the grant's length plus one rounding step. */
export function longestGrantMs(grantSeconds: number): number {
  return grantSeconds * 1000 + roundingStepMs(grantSeconds);
}

function roundingStepMs(grantSeconds: number): number {
  return Math.min(60, grantSeconds) * 1000;
}
