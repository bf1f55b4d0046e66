// What authorizePlayback needs, on a test database: local adapters, a fixed signing key, and ready public videos
// inserted directly (no upload, no transcode).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { CloudFrontPolicySigner } from '../../src/adapters/aws/cloudfront-policy-signer.js';
import { LocalIdentityProvider } from '../../src/adapters/local/local-identity-provider.js';
import { systemClock } from '../../src/composition.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import type { Db } from '../../src/db/database.js';
import type { AccessMode } from '../../src/db/schema.js';
import type { authorizePlayback } from '../../src/domain/playback/authorize-playback.js';

export const TEST_EDGE_URL = 'http://127.0.0.1:8787';
export const TEST_KEY_PAIR_ID = 'K2CLOUDFRONTKEY';

export function authorizeDeps(db: Db): Parameters<typeof authorizePlayback>[0] {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const secrets = new SecretBox(randomBytes(32));
  return {
    db,
    secrets,
    clock: systemClock,
    identity: new LocalIdentityProvider(db, secrets, systemClock, 'http://127.0.0.1:8686'),
    signer: new CloudFrontPolicySigner(async () => ({ keyPairId: TEST_KEY_PAIR_ID, privateKey })),
    urls: { api: 'http://127.0.0.1:8686', edge: TEST_EDGE_URL },
    playback: { grantSeconds: 600 },
    authSecret: randomBytes(32),
  };
}

/** A new active tenant with one ready, public video. */
export async function insertPublicVideo(db: Db, tenant: { deliveryDomain?: string | null } = {}): Promise<{ videoId: string; tenantId: string }> {
  const slug = `t-${randomBytes(4).toString('hex')}`;
  const { id: tenantId } = await db
    .insertInto('tenants')
    .values({ slug, name: slug, status: 'active', delivery_domain: tenant.deliveryDomain ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const videoId = await insertReadyVideo(db, tenantId, 'public');
  return { videoId, tenantId };
}

/** A ready video of this tenant with a finished package (files not written), inserted directly: no upload, no transcode. */
export async function insertReadyVideo(db: Db, tenantId: string, accessMode: AccessMode, title = 'Film'): Promise<string> {
  const assets = {
    masterPlaylist: 'master.m3u8',
    poster: 'poster.jpg',
    thumbnails: [],
    storyboard: { image: 'storyboard.jpg', vtt: 'storyboard.vtt', intervalSeconds: 2, tileWidth: 160, tileHeight: 90 },
  };
  const video = await db
    .insertInto('videos')
    .values({
      tenant_id: tenantId,
      title,
      access_mode: accessMode,
      status: 'ready',
      source_key: `sources/${tenantId}/x/film.mp4`,
      source_filename: 'film.mp4',
      source_size: 1,
      part_size: 1,
      assets: JSON.stringify(assets),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return video.id;
}
