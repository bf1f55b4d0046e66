import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/env.js';

describe('aws shape environment', () => {
  it('lists every missing variable when OTT_CLOUD=aws', () => {
    expect(() => readEnv({ OTT_CLOUD: 'aws', OTT_AWS_REGION: 'eu-west-1' })).toThrow(
      'OTT_CLOUD=aws needs DATABASE_HOST, DATABASE_NAME and DATABASE_SECRET_ARN (or DATABASE_URL), OTT_MASTER_KEY, OTT_AUTH_SECRET, OTT_AWS_NAME_PREFIX, OTT_AWS_EVENTS_QUEUE_URL, OTT_AWS_INFRA_CONFIG.',
    );
  });

  it('ignores the aws variables in the local shape', () => {
    expect(readEnv({}).OTT_CLOUD).toBe('local');
  });
});
