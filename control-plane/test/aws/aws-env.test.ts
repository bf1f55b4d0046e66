import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requireDatabaseUrl } from '../../src/bin/runtime-config.js';
import { readEnv } from '../../src/env.js';
import { taskSecrets } from './support/task-secrets.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('aws shape environment', () => {
  it('lists every missing variable when OTT_CLOUD=aws', () => {
    expect(() => readEnv({ OTT_CLOUD: 'aws', OTT_AWS_REGION: 'eu-west-1' })).toThrow(
      'OTT_CLOUD=aws needs DATABASE_HOST, DATABASE_NAME and DATABASE_SECRET_ARN (or DATABASE_URL), OTT_MASTER_KEY, OTT_AUTH_SECRET, OTT_AWS_NAME_PREFIX, OTT_AWS_EVENTS_QUEUE_URL, OTT_AWS_INFRA_CONFIG, OTT_OPERATOR_TOKEN.',
    );
  });

  it('accepts OTT_MASTER_KEY and OTT_AUTH_SECRET as the platform stack generates them: 43 characters of [A-Za-z0-9]', () => {
    const generated = () => Array.from(randomBytes(43), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
    const env = readEnv({ OTT_MASTER_KEY: generated(), OTT_AUTH_SECRET: generated() });
    expect(Buffer.from(env.OTT_MASTER_KEY ?? '', 'base64')).toHaveLength(32);
  });

  it('takes the database from DATABASE_HOST and the RDS secret, and names what is missing', () => {
    const aws = {
      OTT_CLOUD: 'aws',
      OTT_AWS_REGION: 'eu-west-1',
      OTT_AWS_NAME_PREFIX: 'ott',
      OTT_AWS_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/q',
      OTT_AWS_INFRA_CONFIG: '{}',
    };
    const keys = { OTT_MASTER_KEY: Buffer.alloc(32).toString('base64'), OTT_AUTH_SECRET: Buffer.alloc(32).toString('base64'), ...taskSecrets() };
    const env = readEnv({
      ...aws,
      ...keys,
      DATABASE_HOST: 'ott.abc.eu-west-1.rds.amazonaws.com',
      DATABASE_NAME: 'ott',
      DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:rds!db-1-AbCdEf',
    });
    expect(requireDatabaseUrl(env)).toBe('postgres://ott.abc.eu-west-1.rds.amazonaws.com:5432/ott');
    expect(() => requireDatabaseUrl(readEnv({ ...aws, ...keys, DATABASE_HOST: 'db.example' }))).toThrow('DATABASE_HOST is set, so DATABASE_NAME and DATABASE_SECRET_ARN must be too');
  });

  it('ignores the aws variables in the local shape', () => {
    expect(readEnv({}).OTT_CLOUD).toBe('local');
  });
});
