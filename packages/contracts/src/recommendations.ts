// Recommendations on a tenant's storefront, each with the reason it is shown, and the sentence that says that reason
// to a viewer: the server sends the reason, the storefront (or any client) words it the same way.

/** Why a title is recommended: its audience this week, what co-viewers also watched, or labels shared with a title. */
export type RecommendationReason =
  | { kind: 'trending' }
  /** `videoId`/`title`: the title the viewer watched that contributed most. */
  | { kind: 'because-you-watched'; videoId: string; title: string }
  /** `videoId`/`title`: the title being viewed; `shared`: its categories and tags the recommended title has too. */
  | { kind: 'more-like-this'; videoId: string; title: string; shared: string[] };

export interface Recommendation {
  videoId: string;
  title: string;
  reason: RecommendationReason;
}

/** "Trending in Acme Films this week", "Because you watched Alien", "More like Alien: shared Drama, Space". */
export function recommendationSentence(reason: RecommendationReason, tenantName: string): string {
  switch (reason.kind) {
    case 'trending':
      return `Trending in ${tenantName} this week`;
    case 'because-you-watched':
      return `Because you watched ${reason.title}`;
    case 'more-like-this':
      return reason.shared.length > 0 ? `More like ${reason.title}: shared ${reason.shared.join(', ')}` : `More like ${reason.title}`;
  }
}
