// The MediaConvert transcoder against s3rver, with MediaConvert's CreateJob played by a function of the test's (which
// writes what the job would into the staging prefix and records the job COMPLETE).
import type { S3Client } from '@aws-sdk/client-s3';
import type { CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import type { Db } from '../../../src/db/database.js';
import { withAwsTables } from '../../../src/adapters/aws/aws-tables.js';
import { MediaConvertTranscoder } from '../../../src/adapters/aws/mediaconvert/mediaconvert-transcoder.js';
import { S3Staging } from '../../../src/adapters/aws/mediaconvert/s3-staging.js';

export function s3MediaConvertTranscoder(db: Db, client: S3Client, bucket: string, createJob: (request: CreateJobCommandInput) => Promise<{ jobId: string }>): MediaConvertTranscoder {
  const resolve = async () => ({ client, bucket });
  return new MediaConvertTranscoder({
    db: withAwsTables(db),
    jobs: { createJob: (_tenantId, request) => createJob(request), cancelJob: async () => {}, getJob: async () => undefined },
    bucket: async () => bucket,
    target: async () => ({ roleArn: 'arn:aws:iam::111111111111:role/ott-test-mc', queueArn: 'arn:aws:mediaconvert:eu-west-1:111111111111:queues/ott-test-eu-1' }),
    staging: new S3Staging(resolve),
    pump: { ensureStarted: () => {} },
    deployment: 'ott-test',
    ffprobePath: 'ffprobe',
    ffmpegPath: 'ffmpeg',
    pollMs: 10,
  });
}
