// The playback session a grant opens. playback.authorize signs one with every grant; a player presents it with
// its QoE reports (nothing else may write a report) and with its next playback.authorize, which then continues
// the same session. Stateless: HMAC-SHA256, with a key derived from the auth secret, binds the session id, the
// tenant, the video, whether it is the tenant admin's preview, the signed-in viewer the grant was for (if any), when
// the session began and when the grant it came with ends.
//
// Token: `{session id}.{claims + MAC, base64url}`. The id stays readable (the player shows it as `sessionId`);
// the claims are 62 bytes (version 3, flags, tenant, video, start and end in ms, viewer or zeros) and the MAC is
// HMAC-SHA256 over the id and the claims, cut to 128 bits, so no bit of the flags can be changed. Tokens of
// version 2 (46 bytes, no viewer) and 1 (45 bytes, no flags either: issued before previews were told apart) still
// read, as anonymous viewers' sessions, until they expire.
import { createHmac, createSecretKey, hkdfSync, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { HOUR_MS } from '../usage/time-buckets.js';

export interface PlaybackSession {
  sessionId: string;
  tenantId: string;
  videoId: string;
  /** Opened by the tenant's admin previewing in the portal: its plays are not the audience's (not views). */
  preview: boolean;
  /** The signed-in viewer of the tenant's pool the grant was for (their resume position is kept); null when anonymous. */
  viewerId: string | null;
  /** When the session's first grant was issued: reported totals can only have grown since. */
  startedAt: number;
  /** The end of the grant this token came with (ms since the epoch). */
  expiresAt: number;
}

/** Reports still arrive after a grant ends: the last beacon of a page closed late, a laptop waking up. */
export const REPORT_GRACE_MS = HOUR_MS;

const VERSION = 3;
/** Read, never written: before the viewer (2), and before the flags byte too (1). */
const VERSION_WITHOUT_VIEWER = 2;
const VERSION_WITHOUT_FLAGS = 1;
const PREVIEW_FLAG = 0b1;
const VIEWER_FLAG = 0b10;
const UUID_BYTES = 16;
const TIME_BYTES = 6;
/** Tenant, video, start and end: what follows the header (version, and flags from version 2 on). */
const FIELDS_BYTES = 2 * UUID_BYTES + 2 * TIME_BYTES;
const HEADER_BYTES = { [VERSION_WITHOUT_FLAGS]: 1, [VERSION_WITHOUT_VIEWER]: 2, [VERSION]: 2 } as const;
/** What follows the fields: the viewer, from version 3 on. */
const TRAILER_BYTES = { [VERSION_WITHOUT_FLAGS]: 0, [VERSION_WITHOUT_VIEWER]: 0, [VERSION]: UUID_BYTES } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC_BYTES = 16;
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The session for a new grant: `previous` continued when it is genuine, of this tenant, video and viewer, of the same
 * kind (a preview stays a preview, a viewer's session never becomes one) and still accepts reports (a player renewing
 * its grant keeps one session for one load of a video); otherwise a new one. A viewer id that is not a UUID (no pool
 * issues one) is not carried.
 */
export function openPlaybackSession(
  authSecret: Uint8Array,
  grant: { tenantId: string; videoId: string; preview: boolean; viewerId: string | null; expiresAt: Date },
  now: Date,
  previous: string | undefined,
): string {
  const viewerId = grant.viewerId !== null && UUID.test(grant.viewerId) ? grant.viewerId.toLowerCase() : null;
  const earlier = previous === undefined ? undefined : readPlaybackSession(authSecret, previous);
  const continued =
    earlier !== undefined &&
    earlier.tenantId === grant.tenantId &&
    earlier.videoId === grant.videoId &&
    earlier.preview === grant.preview &&
    earlier.viewerId === viewerId &&
    acceptsReports(earlier, now);
  return signPlaybackSession(authSecret, {
    sessionId: continued ? earlier.sessionId : randomUUID(),
    tenantId: grant.tenantId,
    videoId: grant.videoId,
    preview: grant.preview,
    viewerId,
    startedAt: continued ? earlier.startedAt : now.getTime(),
    expiresAt: grant.expiresAt.getTime(),
  });
}

/** The session a token names, if this platform signed it; undefined for anything else. */
export function readPlaybackSession(authSecret: Uint8Array, token: string): PlaybackSession | undefined {
  const dot = token.indexOf('.');
  const sessionId = token.slice(0, dot);
  if (dot === -1 || !SESSION_ID.test(sessionId)) return undefined;
  const body = Buffer.from(token.slice(dot + 1), 'base64url');
  const version = body[0];
  if (version !== VERSION && version !== VERSION_WITHOUT_VIEWER && version !== VERSION_WITHOUT_FLAGS) return undefined;
  const header = HEADER_BYTES[version];
  const claimsBytes = header + FIELDS_BYTES + TRAILER_BYTES[version];
  if (body.length !== claimsBytes + MAC_BYTES) return undefined;
  const claims = body.subarray(0, claimsBytes);
  if (!timingSafeEqual(mac(authSecret, sessionId, claims), body.subarray(claimsBytes))) return undefined;
  const flags = version === VERSION_WITHOUT_FLAGS ? 0 : (claims[1] ?? 0);
  return {
    sessionId,
    tenantId: uuidAt(claims, header),
    videoId: uuidAt(claims, header + UUID_BYTES),
    preview: (flags & PREVIEW_FLAG) !== 0,
    viewerId: (flags & VIEWER_FLAG) !== 0 ? uuidAt(claims, header + FIELDS_BYTES) : null,
    startedAt: claims.readUIntBE(header + 2 * UUID_BYTES, TIME_BYTES),
    expiresAt: claims.readUIntBE(header + 2 * UUID_BYTES + TIME_BYTES, TIME_BYTES),
  };
}

export function acceptsReports(session: PlaybackSession, now: Date): boolean {
  return now.getTime() <= session.expiresAt + REPORT_GRACE_MS;
}

function signPlaybackSession(authSecret: Uint8Array, session: PlaybackSession): string {
  const header = HEADER_BYTES[VERSION];
  const claimsBytes = header + FIELDS_BYTES + TRAILER_BYTES[VERSION];
  const body = Buffer.alloc(claimsBytes + MAC_BYTES);
  body[0] = VERSION;
  body[1] = (session.preview ? PREVIEW_FLAG : 0) | (session.viewerId !== null ? VIEWER_FLAG : 0);
  body.write(session.tenantId.replaceAll('-', ''), header, UUID_BYTES, 'hex');
  body.write(session.videoId.replaceAll('-', ''), header + UUID_BYTES, UUID_BYTES, 'hex');
  body.writeUIntBE(session.startedAt, header + 2 * UUID_BYTES, TIME_BYTES);
  body.writeUIntBE(session.expiresAt, header + 2 * UUID_BYTES + TIME_BYTES, TIME_BYTES);
  if (session.viewerId !== null) body.write(session.viewerId.replaceAll('-', ''), header + FIELDS_BYTES, UUID_BYTES, 'hex');
  mac(authSecret, session.sessionId, body.subarray(0, claimsBytes)).copy(body, claimsBytes);
  return `${session.sessionId}.${body.toString('base64url')}`;
}

function mac(authSecret: Uint8Array, sessionId: string, claims: Uint8Array): Buffer {
  return createHmac('sha256', sessionKey(authSecret)).update(sessionId).update(claims).digest().subarray(0, MAC_BYTES);
}

/** Its own key, so a session token can never pass for an admin token signed with the same secret, or back. */
const keys = new WeakMap<Uint8Array, KeyObject>();

function sessionKey(authSecret: Uint8Array): KeyObject {
  let key = keys.get(authSecret);
  if (key === undefined) {
    key = createSecretKey(Buffer.from(hkdfSync('sha256', authSecret, new Uint8Array(0), 'ott-cloud/playback-sessions', 32)));
    keys.set(authSecret, key);
  }
  return key;
}

function uuidAt(bytes: Buffer, offset: number): string {
  const hex = bytes.toString('hex', offset, offset + UUID_BYTES);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
