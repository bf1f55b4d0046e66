// The control plane loads the same infrastructure configuration as `cdktf synth`, and refuses the same collisions:
// a control plane that placed tenants into two cells of one account would hand out names AWS accepts only once.
import { describe, expect, it } from 'vitest';
import { awsSettings } from '../../src/bin/runtime-config.js';
import { readEnv } from '../../src/env.js';
import { taskSecrets } from './support/task-secrets.js';

const infra = (cells: object[]) => ({
  namePrefix: 'ott-test',
  platform: { accountId: '111111111111', region: 'eu-west-1', image: 'example/ott-cloud:test', portalOrigins: ['https://portal.ott.example'] },
  state: { bucket: 'ott-test-state', region: 'eu-west-1' },
  cells,
});

const env = (config: object) =>
  readEnv({
    OTT_CLOUD: 'aws',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    OTT_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    OTT_AUTH_SECRET: Buffer.alloc(32, 2).toString('base64'),
    OTT_AWS_REGION: 'eu-west-1',
    OTT_AWS_NAME_PREFIX: 'ott-test',
    OTT_AWS_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/ott-test-transcode-events',
    OTT_AWS_INFRA_CONFIG: JSON.stringify(config),
    ...taskSecrets(),
  });

describe('the control plane loading cells', () => {
  it('refuses two cells in one AWS account, saying which and why', async () => {
    const twoInOne = infra([
      { id: 'eu-1', accountId: '111111111111', region: 'eu-west-1', email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' } },
      { id: 'us-1', accountId: '111111111111', region: 'us-east-1', email: { sesIdentityArn: 'arn:aws:ses:us-east-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' } },
    ]);
    await expect(awsSettings(env(twoInOne))).rejects.toThrow(
      /^OTT_AWS_INFRA_CONFIG: cells eu-1 \(eu-west-1\), us-1 \(us-east-1\) are all in account 111111111111: .*Give each cell its own AWS account/,
    );
  });

  it('accepts one cell per account', async () => {
    const settings = await awsSettings(
      env(
        infra([
          {
            id: 'eu-1',
            accountId: '111111111111',
            region: 'eu-west-1',
            email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' },
          },
          {
            id: 'us-2',
            accountId: '222222222222',
            region: 'us-east-1',
            email: { sesIdentityArn: 'arn:aws:ses:us-east-1:222222222222:identity/video.example.com', from: 'no-reply@video.example.com' },
          },
        ]),
      ),
    );
    expect(settings.infra.cells.map((cell) => [cell.id, cell.quotas.publicKeys, cell.quotas.distributionsPerCachePolicy])).toEqual([
      ['eu-1', 10, 100],
      ['us-2', 10, 100],
    ]);
  });
});
