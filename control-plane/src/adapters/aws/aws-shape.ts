// The aws shape's adapters, built from its settings: one S3 bucket, Cognito pool and MediaConvert role per
// tenant, reached through the clients of the tenant's cell; CloudFront grants signed with the tenant's key
// under the id CloudFront knows it by; tenant stacks synthesised and applied by CdktfProvisioner. Only
// shapes/compose-aws-shape.ts calls this. Building it opens no connection: clients connect on their first request.
import path from 'node:path';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SQSClient } from '@aws-sdk/client-sqs';
import { cdnLogBucketName, cdnLogNoticesQueueUrl, mediaConvertQueueArn } from '@ott/tenant-infra';
import type { SecretBox } from '../../crypto/secret-box.js';
import type { Db } from '../../db/database.js';
import { loadTenantPrivateKey } from '../../domain/playback/signing-keys.js';
import type {
  Clock,
  DeliveryCertificates,
  DnsResolver,
  EmailSender,
  IdentityProvider,
  Logger,
  LogBucket,
  ObjectStore,
  PlaybackSigner,
  SpeechToText,
  TenantProvisioner,
  Transcoder,
} from '../../ports.js';
import type { AwsSettings } from './aws-settings.js';
import { withAwsTables } from './aws-tables.js';
import { NodeDnsResolver } from '../dns/node-dns-resolver.js';
import { AcmDeliveryCertificates } from './acm-delivery-certificates.js';
import { CdktfProvisioner } from './cdktf-provisioner.js';
import { EcsStackRunner } from './provisioner-task/ecs-stack-runner.js';
import { InProcessStackRunner } from './provisioner-task/in-process-stack-runner.js';
import type { StackRunner } from './provisioner-task/stack-run.js';
import { createS3Client } from './s3-client.js';
import { CellClients } from './cell-clients.js';
import { CellIdentity } from './cell-identity.js';
import { CloudFrontPolicySigner } from './cloudfront-policy-signer.js';
import { NotifiedLogBuckets } from './delivery-logs/notified-log-buckets.js';
import { JobEventPump, SqsEventQueue } from './mediaconvert/job-event-pump.js';
import { MediaConvertSdkJobs } from './mediaconvert/mediaconvert-sdk-jobs.js';
import { MediaConvertTranscoder } from './mediaconvert/mediaconvert-transcoder.js';
import { S3Staging } from './mediaconvert/s3-staging.js';
import { S3ObjectStore, type TenantBucketResolver } from './s3-object-store.js';
import { SesEmailSender } from './ses-email-sender.js';
import { TenantPlacements } from './tenant-placements.js';
import { TranscribeSpeechToText } from './transcribe-speech-to-text.js';

export interface AwsAdapterInput {
  settings: AwsSettings;
  db: Db;
  secrets: SecretBox;
  clock: Clock;
  /** Scratch space: S3 downloads for ffprobe, synthesised tenant stacks. */
  dataDir: string;
  ffmpegPath: string;
  ffprobePath: string;
  log?: Logger;
}

export interface AwsAdapters {
  store: ObjectStore;
  transcoder: Transcoder;
  signer: PlaybackSigner;
  identity: IdentityProvider;
  provisioner: TenantProvisioner;
  /** SES from the verified identity of the tenant's cell. */
  email: EmailSender;
  /** The cells' CloudFront standard logs, announced by S3 event notices: the worker's egress meter reads them. */
  cloudFrontLogs: LogBucket;
  /** Custom delivery domains: certificates read from ACM, DNS through the system's resolvers. */
  customDomains: { certificates: DeliveryCertificates; dns: DnsResolver };
  /** Automatic captions: Amazon Transcribe in the tenant's cell. */
  speechToText: SpeechToText;
  /** MediaConvert job events (SQS): the worker starts the pump, the api never does. */
  transcodeEvents: { ensureStarted(): void; stop(): Promise<void> };
  close(): Promise<void>;
}

export function createAwsAdapters(input: AwsAdapterInput): AwsAdapters {
  const { settings, db, secrets, clock } = input;
  const awsDb = withAwsTables(db);
  const placements = new TenantPlacements(awsDb, settings.namePrefix);
  const cells = new CellClients({
    cells: settings.infra.cells,
    platformAccountId: settings.infra.platform.accountId,
    namePrefix: settings.namePrefix,
    ...(settings.endpoints ? { endpoints: settings.endpoints } : {}),
  });
  const bucketOf: TenantBucketResolver = async (tenantId) => {
    const placement = await placements.of(tenantId);
    return { client: cells.s3(placement.cellId), bucket: placement.bucketName };
  };
  const store = new S3ObjectStore(bucketOf, path.join(input.dataDir, 's3-cache'));
  const sqs = new SQSClient({ region: settings.region });
  const pump = new JobEventPump(awsDb, new SqsEventQueue(sqs, settings.eventsQueueUrl), (error) => input.log?.warn({ err: error }, 'MediaConvert job events could not be read; trying again in 5 s'));
  const transcoder = new MediaConvertTranscoder({
    db: awsDb,
    jobs: new MediaConvertSdkJobs(async (tenantId) => cells.mediaConvert((await placements.of(tenantId)).cellId)),
    bucket: async (tenantId) => (await bucketOf(tenantId)).bucket,
    target: async (tenantId) => {
      const placement = await placements.applied(tenantId, 'MediaConvert role');
      if (!placement.mediaConvertRoleArn) throw new Error(`Tenant ${tenantId}'s applied stack recorded no MediaConvert role.`);
      return { roleArn: placement.mediaConvertRoleArn, queueArn: mediaConvertQueueArn(settings.namePrefix, cells.cell(placement.cellId)) };
    },
    staging: new S3Staging(bucketOf),
    pump,
    deployment: settings.namePrefix,
    ffmpegPath: input.ffmpegPath,
    ffprobePath: input.ffprobePath,
  });
  return {
    store,
    transcoder,
    signer: new CloudFrontPolicySigner((tenantId) => loadTenantPrivateKey({ db, secrets }, tenantId)),
    identity: new CellIdentity(cells, placements, clock),
    provisioner: new CdktfProvisioner({ db: awsDb, infra: settings.infra, runner: stackRunner(settings, input.dataDir) }),
    cloudFrontLogs: new NotifiedLogBuckets(
      settings.infra.cells.map((cell) => ({
        cellId: cell.id,
        bucket: cdnLogBucketName(settings.namePrefix, cell.id, cell.accountId),
        queueUrl: cdnLogNoticesQueueUrl(settings.namePrefix, cell),
        sqs: () => cells.sqs(cell.id),
        s3: () => cells.s3(cell.id),
      })),
    ),
    email: new SesEmailSender(async (tenantId) => {
      const cell = tenantId ? cells.cell((await placements.of(tenantId)).cellId) : settings.infra.cells[0];
      if (!cell) throw new Error('The infrastructure configuration lists no cell to send email from.');
      return { client: cells.ses(cell.id), from: cell.email.from, identityArn: cell.email.sesIdentityArn };
    }),
    customDomains: {
      certificates: new AcmDeliveryCertificates(async (tenantId) => cells.acm((await placements.of(tenantId)).cellId)),
      dns: new NodeDnsResolver(),
    },
    speechToText: new TranscribeSpeechToText({ transcribe: async (tenantId) => cells.transcribe((await placements.of(tenantId)).cellId), bucketOf }),
    transcodeEvents: pump,
    async close() {
      await pump.stop();
      sqs.destroy();
      cells.destroy();
    },
  };
}

/** Tenant stacks are applied by the provisioner task when the platform stack says where it runs, else in this process. */
function stackRunner(settings: AwsSettings, dataDir: string): StackRunner {
  const { infra, provisionerTask, endpoints } = settings;
  if (!provisionerTask) {
    return new InProcessStackRunner({
      infra,
      workDir: path.join(dataDir, 'infra'),
      terraformPath: settings.terraformPath,
      environment: settings.terraformEnvironment,
      ...(settings.originVerifyValue ? { originVerifyValue: settings.originVerifyValue } : {}),
    });
  }
  return new EcsStackRunner({
    ecs: new ECSClient({ region: settings.region, ...(endpoints?.ecs ? { endpoint: endpoints.ecs } : {}) }),
    s3: createS3Client({ region: infra.state.region, ...(endpoints?.s3 ? { endpoint: endpoints.s3 } : {}) }),
    resultsBucket: infra.state.bucket,
    ...provisionerTask,
  });
}
