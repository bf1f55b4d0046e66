/**
 * CloudFront's `Resource` wildcards: `*` matches any run of characters (including `/` and `?`),
 * `?` exactly one character; everything else is literal and case-sensitive. Greedy matching with
 * one backtrack point keeps this linear-ish and free of regular-expression blow-ups.
 */
export function matchesResource(pattern: string, url: string): boolean {
  let p = 0;
  let u = 0;
  let starP = -1;
  let starU = 0;
  while (u < url.length) {
    const c = pattern[p];
    if (c === '*') {
      starP = p++;
      starU = u;
    } else if (c !== undefined && (c === '?' || c === url[u])) {
      p++;
      u++;
    } else if (starP !== -1) {
      p = starP + 1;
      u = ++starU;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
