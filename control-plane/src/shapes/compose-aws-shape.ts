// The aws shape: the adapters of each tenant's cell (S3, Cognito, MediaConvert), CloudFront signing and CDKTF, and the
// MediaConvert job events the worker polls. composition.ts imports this file only when OTT_CLOUD=aws, so the local
// shape never loads the AWS SDKs' clients.
import { awsPortalOrigins } from '../adapters/aws/aws-portal-origins.js';
import { createAwsAdapters } from '../adapters/aws/aws-shape.js';
import type { Shape, ShapeInput } from './shape.js';

export function composeAwsShape({ config, db, secrets, clock, log }: ShapeInput): Shape {
  if (!config.aws) throw new Error('OTT_CLOUD=aws needs its settings (OTT_AWS_REGION, OTT_AWS_NAME_PREFIX, OTT_AWS_EVENTS_QUEUE_URL, OTT_AWS_INFRA_CONFIG): see "Deploy to AWS" in the README.');
  const aws = createAwsAdapters({ settings: config.aws, db, secrets, clock, dataDir: config.dataDir, ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath, ...(log ? { log } : {}) });
  const { transcodeEvents } = aws;
  return {
    adapters: {
      store: aws.store,
      transcoder: aws.transcoder,
      signer: aws.signer,
      identity: aws.identity,
      provisioner: aws.provisioner,
      email: aws.email,
      customDomains: aws.customDomains,
      speechToText: aws.speechToText,
    },
    routes: [],
    // Egress and plays from the cells' CloudFront standard logs, each object read once when S3 announces it.
    deliveryLogs: { cloudFrontLogs: aws.cloudFrontLogs },
    backgroundLoops: [{ start: () => transcodeEvents.ensureStarted(), stop: () => transcodeEvents.stop() }],
    portalOrigins: awsPortalOrigins(config.aws),
    close: () => aws.close(),
  };
}
