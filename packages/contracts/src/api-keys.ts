// Server API keys: what a tenant's backend authenticates to the REST API (/v1) with. Not the playback signing
// secrets, which only sign playback tokens. A key is `ott_sk_<8 id chars>_<secret>`; its first part (the prefix) is
// stored and shown, the whole key only once, at creation.

/** What a key may do. Each REST route needs one of these; a key holds any set of them. */
export const API_KEY_SCOPES = ['read', 'write', 'upload', 'playback', 'viewers', 'usage', 'webhooks'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  read: 'List and read videos and uploads',
  write: 'Change and delete videos',
  upload: 'Create uploads, direct uploads and URL imports',
  playback: 'Sign playback tokens and URLs',
  viewers: 'Invite, list and remove viewers',
  usage: 'Read usage and costs',
  webhooks: 'Manage webhook endpoints and read deliveries',
};

/** The part of a key shown in lists and named in errors: `ott_sk_` and 8 id characters. */
export const API_KEY_PREFIX_PATTERN = /^ott_sk_[a-z0-9]{8}$/;
