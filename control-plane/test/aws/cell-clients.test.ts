// Reaching a cell: clients in the cell's region; in another account, as the cell's control-plane role, assumed
// through STS on first use (a local stand-in for STS answers here, recording what it was asked).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseInfraConfig } from '@ott/tenant-infra';
import { CellClients } from '../../src/adapters/aws/cell-clients.js';

const { cells } = parseInfraConfig({
  namePrefix: 'ott-test',
  platform: { accountId: '111111111111', region: 'eu-west-1', image: 'x', portalOrigins: ['https://portal.example'] },
  state: { bucket: 'state', region: 'eu-west-1' },
  cells: [
    { id: 'eu-1', accountId: '111111111111', region: 'eu-west-1', email: { sesIdentityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com', from: 'no-reply@video.example.com' } },
    { id: 'us-1', accountId: '222222222222', region: 'us-east-1', email: { sesIdentityArn: 'arn:aws:ses:us-east-1:222222222222:identity/video.example.com', from: 'no-reply@video.example.com' } },
  ],
});
const asked: string[] = [];
const sts = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    asked.push(body);
    response
      .writeHead(200, { 'Content-Type': 'text/xml' })
      .end(
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIACELLROLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::222222222222:assumed-role/ott-test-control-plane/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
  });
});
let clients: CellClients;

beforeAll(async () => {
  await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAPLATFORMTASK');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'platform-secret');
  clients = new CellClients({ cells, platformAccountId: '111111111111', namePrefix: 'ott-test', endpoints: { sts: `http://127.0.0.1:${(sts.address() as AddressInfo).port}` } });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  clients?.destroy();
  await new Promise((resolve) => sts.close(resolve));
});

describe('cell clients', () => {
  it("act in the platform's own account with the process's credentials, in the cell's region", async () => {
    const mediaConvert = clients.mediaConvert('eu-1');
    expect(await mediaConvert.config.region()).toBe('eu-west-1');
    expect((await mediaConvert.config.credentials()).accessKeyId).toBe('AKIAPLATFORMTASK');
    expect(asked).toEqual([]);
  });

  it("assume the cell's control-plane role in another account, once, on first use", async () => {
    const s3 = clients.s3('us-1');
    expect(asked).toEqual([]);
    expect(await s3.config.region()).toBe('us-east-1');
    expect((await s3.config.credentials()).accessKeyId).toBe('ASIACELLROLE');
    expect((await clients.cognito('us-1').config.credentials()).accessKeyId).toBe('ASIACELLROLE');
    expect(asked).toHaveLength(1);
    const form = new URLSearchParams(asked[0]);
    expect(form.get('Action')).toBe('AssumeRole');
    expect(form.get('RoleArn')).toBe('arn:aws:iam::222222222222:role/ott-test-control-plane');
    expect(clients.cognitoIssuerBase('us-1')).toBe('https://cognito-idp.us-east-1.amazonaws.com');
  });

  it('name the configured cells when asked for another', () => {
    expect(() => clients.s3('ap-1')).toThrow('Cell ap-1 is not in the infrastructure configuration (OTT_AWS_INFRA_CONFIG lists eu-1, us-1).');
  });
});
