import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as initial from './migrations/0001-initial.js';
import * as branding from './migrations/0002-branding.js';
import * as meteringBilling from './migrations/0003-metering-billing.js';
import * as awsPlacement from './migrations/0004-aws-placement.js';
import * as playbackQoe from './migrations/0005-playback-qoe.js';
import * as authHardening from './migrations/0006-auth-hardening.js';
import * as rowLevelSecurity from './migrations/0007-row-level-security.js';
import * as deliveryDomain from './migrations/0008-delivery-domain.js';
import * as playbackChangeNotify from './migrations/0009-playback-change-notify.js';
import * as earlyPlayback from './migrations/0010-early-playback.js';
import * as tenantPolicyInitplans from './migrations/0011-tenant-policy-initplans.js';
import * as uploadExpiry from './migrations/0012-upload-expiry.js';
import * as sharedRateLimits from './migrations/0013-shared-rate-limits.js';
import * as refreshTokenFamilies from './migrations/0014-refresh-token-families.js';
import * as sessionsAndRefusedDeliveries from './migrations/0015-sessions-and-refused-deliveries.js';
import * as webEmbedOrigins from './migrations/0016-web-embed-origins.js';
import * as tenantProvisioningStep from './migrations/0017-tenant-provisioning-step.js';
import * as signingKeyRotation from './migrations/0017-signing-key-rotation.js';
import * as customDeliveryDomains from './migrations/0018-custom-delivery-domains.js';
import * as apiKeysAndIdempotency from './migrations/0019-api-keys-and-idempotency.js';
import * as webhooks from './migrations/0020-webhooks.js';
import * as directUploadsAndImports from './migrations/0021-direct-uploads-and-imports.js';
import * as keysetIndexes from './migrations/0022-keyset-indexes.js';
import * as viewerPasswordResetCodes from './migrations/0023-viewer-password-reset-codes.js';
import * as developmentMailbox from './migrations/0024-development-mailbox.js';
import * as adminEmailLinks from './migrations/0024-admin-email-links.js';
import * as viewerSite from './migrations/0024-viewer-site.js';
import * as planChanges from './migrations/0025-plan-changes.js';
import * as transcodeStartAndAccessFilter from './migrations/0026-transcode-start-and-access-filter.js';
import * as previewPlaybackSessions from './migrations/0027-preview-playback-sessions.js';
import * as sourceReplacement from './migrations/0028-source-replacement.js';
import * as mediaTracks from './migrations/0029-media-tracks.js';
import * as dubUploads from './migrations/0036-dub-uploads.js';
import * as retiredFolders from './migrations/0037-retired-folders.js';
import * as catalogue from './migrations/0038-catalogue.js';
import * as availability from './migrations/0039-availability.js';
import * as monetisation from './migrations/0040-monetisation.js';
import * as viewerSignUp from './migrations/0041-viewer-sign-up.js';
import * as viewerLibrary from './migrations/0042-viewer-library.js';
import * as recommendationIndexes from './migrations/0044-recommendation-indexes.js';
import * as automaticCaptions from './migrations/0032-automatic-captions.js';
import * as videoChapters from './migrations/0030-video-chapters.js';
import * as downloadsAndClips from './migrations/0031-downloads-and-clips.js';
import * as viewerAnalytics from './migrations/0048-viewer-analytics.js';

// Migrations are imported statically so they work the same from source (tsx) and from tests. Several are written
// at once on parallel branches, so a database that already ran a later one still accepts an earlier newcomer.
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-branding': branding,
  '0003-metering-billing': meteringBilling,
  '0004-aws-placement': awsPlacement,
  '0005-playback-qoe': playbackQoe,
  '0006-auth-hardening': authHardening,
  '0007-row-level-security': rowLevelSecurity,
  '0008-delivery-domain': deliveryDomain,
  '0009-playback-change-notify': playbackChangeNotify,
  '0010-early-playback': earlyPlayback,
  '0011-tenant-policy-initplans': tenantPolicyInitplans,
  '0012-upload-expiry': uploadExpiry,
  '0013-shared-rate-limits': sharedRateLimits,
  '0014-refresh-token-families': refreshTokenFamilies,
  '0015-sessions-and-refused-deliveries': sessionsAndRefusedDeliveries,
  '0016-web-embed-origins': webEmbedOrigins,
  '0017-tenant-provisioning-step': tenantProvisioningStep,
  '0017-signing-key-rotation': signingKeyRotation,
  '0018-custom-delivery-domains': customDeliveryDomains,
  '0019-api-keys-and-idempotency': apiKeysAndIdempotency,
  '0020-webhooks': webhooks,
  '0021-direct-uploads-and-imports': directUploadsAndImports,
  '0022-keyset-indexes': keysetIndexes,
  '0023-viewer-password-reset-codes': viewerPasswordResetCodes,
  '0024-development-mailbox': developmentMailbox,
  '0024-admin-email-links': adminEmailLinks,
  '0024-viewer-site': viewerSite,
  '0025-plan-changes': planChanges,
  '0026-transcode-start-and-access-filter': transcodeStartAndAccessFilter,
  '0027-preview-playback-sessions': previewPlaybackSessions,
  '0028-source-replacement': sourceReplacement,
  '0029-media-tracks': mediaTracks,
  '0032-automatic-captions': automaticCaptions,
  '0030-video-chapters': videoChapters,
  '0031-downloads-and-clips': downloadsAndClips,
  '0036-dub-uploads': dubUploads,
  '0037-retired-folders': retiredFolders,
  '0038-catalogue': catalogue,
  '0039-availability': availability,
  '0040-monetisation': monetisation,
  '0041-viewer-sign-up': viewerSignUp,
  '0042-viewer-library': viewerLibrary,
  '0044-recommendation-indexes': recommendationIndexes,
  '0048-viewer-analytics': viewerAnalytics,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<void> {
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
}
