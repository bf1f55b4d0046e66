// The local shape: filesystem store, ffmpeg, the built-in issuer, the local provisioner and the development mailbox (or
// SMTP); the API serves the store's part uploads and the issuer's JWKS, and the worker reads the local edge's access logs.
import path from 'node:path';
import { CloudFrontPolicySigner } from '../adapters/aws/cloudfront-policy-signer.js';
import { EdgeLogFiles } from '../adapters/local/edge-log-files.js';
import { FfmpegTranscoder } from '../adapters/local/ffmpeg/ffmpeg-transcoder.js';
import { FsObjectStore } from '../adapters/local/fs-object-store.js';
import { LocalIdentityProvider } from '../adapters/local/local-identity-provider.js';
import { DevelopmentMailbox } from '../adapters/local/development-mailbox.js';
import { LocalProvisioner } from '../adapters/local/local-provisioner.js';
import { PocketsphinxSpeechToText } from '../adapters/local/pocketsphinx-speech-to-text.js';
import { SmtpEmailSender } from '../adapters/smtp/smtp-email-sender.js';
import type { RuntimeConfig } from '../composition.js';
import { loadTenantPrivateKey } from '../domain/playback/signing-keys.js';
import { localHttpRoutes } from './local-http-routes.js';
import { deriveKey, type Shape, type ShapeInput } from './shape.js';

export function storeRootOf(config: Pick<RuntimeConfig, 'dataDir'>): string {
  return path.resolve(config.dataDir, 'store');
}

/** The filesystem store, as the API, the worker and the edge (for images on demand) all open it. */
export function localStoreOf(config: Pick<RuntimeConfig, 'dataDir' | 'apiUrl' | 'authSecret'>): FsObjectStore {
  return new FsObjectStore(storeRootOf(config), `${config.apiUrl}/store/parts`, deriveKey(config.authSecret, 'upload-urls'));
}

export function composeLocalShape({ config, db, secrets, clock }: ShapeInput): Shape {
  const store = localStoreOf(config);
  const identity = new LocalIdentityProvider(db, secrets, clock, config.apiUrl);
  // With SMTP configured, mail goes to real mailboxes only: the development mailbox would keep a second copy of every
  // temporary password and reset link in the database, and nobody would read it there.
  const smtp = config.smtp ? new SmtpEmailSender(config.smtp.url, config.smtp.from) : undefined;
  return {
    adapters: {
      store,
      transcoder: new FfmpegTranscoder({
        ffmpegPath: config.ffmpegPath,
        ffprobePath: config.ffprobePath,
        preset: config.x264Preset,
        storedFile: (key) => store.localFile(key),
        fastStart: config.fastStart ?? true,
      }),
      // The same CloudFront-format signatures as the aws shape: the local edge verifies them.
      signer: new CloudFrontPolicySigner((tenantId) => loadTenantPrivateKey({ db, secrets }, tenantId)),
      identity,
      provisioner: new LocalProvisioner(storeRootOf(config), identity),
      email: smtp ?? new DevelopmentMailbox(db),
      developmentInbox: !smtp,
      speechToText: new PocketsphinxSpeechToText(store, { ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath }),
    },
    routes: localHttpRoutes(store, identity, clock),
    // Where bin/edge.ts writes them.
    deliveryLogs: { edgeLogs: new EdgeLogFiles(path.join(config.dataDir, 'logs')) },
    backgroundLoops: [],
    portalOrigins: [],
    close: async () => smtp?.close(),
  };
}
