// The provisioner task's entry point: applies or destroys the one tenant stack OTT_PROVISION_REQUEST names, writes the
// result (outputs, or the failed step and Terraform's error) to the state bucket for the worker, and exits 0 on
// success, 1 on failure. It opens no database connection and holds no control-plane secret (only the header value its
// tenant distributions send the API's balancer).
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { runTenantStack } from '../adapters/aws/provisioner-task/run-tenant-stack.js';
import { stackRunRequestSchema, stackRunResultKey } from '../adapters/aws/provisioner-task/stack-run.js';
import { createS3Client } from '../adapters/aws/s3-client.js';
import { childProcessEnv, readEnv } from '../env.js';
import { processLogger } from './process-logger.js';
import { readInfraSetting } from './runtime-config.js';

const env = readEnv();
const log = processLogger(env, 'provisioner');
if (!env.OTT_PROVISION_REQUEST || !env.OTT_AWS_INFRA_CONFIG) {
  log.error('The provisioner needs OTT_PROVISION_REQUEST (set by the worker through RunTask) and OTT_AWS_INFRA_CONFIG (set by the task definition).');
  process.exit(2);
}
const request = stackRunRequestSchema.parse(JSON.parse(env.OTT_PROVISION_REQUEST));
const infra = await readInfraSetting(env.OTT_AWS_INFRA_CONFIG);
const where = { tenant: request.tenant.id, cell: request.cellId, action: request.action, run: request.runId };
log.info(where, 'provisioner run started');
const result = await runTenantStack(request, {
  infra,
  workDir: path.resolve(env.OTT_DATA_DIR, 'stacks'),
  terraformPath: env.OTT_TERRAFORM_PATH,
  environment: childProcessEnv({}),
  enterAs: 'tenant-deploy-role',
  ...(env.OTT_AWS_ORIGIN_VERIFY ? { originVerifyValue: env.OTT_AWS_ORIGIN_VERIFY } : {}),
});
const s3 = createS3Client({ region: infra.state.region, ...(env.OTT_AWS_S3_ENDPOINT ? { endpoint: env.OTT_AWS_S3_ENDPOINT } : {}) });
await s3.send(
  new PutObjectCommand({
    Bucket: infra.state.bucket,
    Key: stackRunResultKey(request),
    Body: JSON.stringify(result),
    ContentType: 'application/json',
    ...(infra.state.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: infra.state.kmsKeyId } : {}),
  }),
);
s3.destroy();
if (result.ok) log.info(where, 'provisioner run finished');
else log.error({ ...where, step: result.step, detail: result.detail }, 'provisioner run failed');
process.exitCode = result.ok ? 0 : 1;
