// `ott-ops aws doctor` against a fake AWS that answers with responses recorded from AWS's API references: each check
// reports what an operator must fix, with the command or field to change.
import { afterEach, describe, expect, it } from 'vitest';
import { awsClients } from '../src/aws/aws-clients.js';
import { fixture, json, jsonError, queryError, simulationAnswer, startFakeAws, xml, type FakeAws, type FakeRequest, type FakeResponse } from './support/fake-aws.js';
import { runOpsCaptured, writeConfig } from './support/run-ops.js';

/** A cell's verified SES identity in its own account and region, as infra.json requires (docs/aws-email.md). */
const cellEmail = (accountId: string, region: string) => ({ sesIdentityArn: `arn:aws:ses:${region}:${accountId}:identity/video.example.com`, from: 'no-reply@video.example.com' });
const ACCOUNT = '123456789012'; // the account in the recorded GetCallerIdentity response
let fake: FakeAws | undefined;
afterEach(() => fake?.close());

function quota(code: string, name: string, value: number): FakeResponse {
  const recorded = JSON.parse(fixture('service-quotas-get-service-quota.json')) as { Quota: Record<string, unknown> };
  return json({ Quota: { ...recorded.Quota, QuotaCode: code, QuotaName: name, Value: value } });
}

/** A single-account deployment (platform and cell eu-1 in the recorded caller's account) that counts on 50 key groups. */
const oneAccount = () =>
  writeConfig((example) => ({
    ...example,
    platform: { ...(example.platform as object), accountId: ACCOUNT },
    cells: [{ id: 'eu-1', accountId: ACCOUNT, region: 'eu-west-1', email: cellEmail(ACCOUNT, 'eu-west-1'), quotas: { keyGroups: 50 } }],
  }));

function awsAnswers(denied: ReadonlySet<string>) {
  return (request: FakeRequest): FakeResponse => {
    switch (`${request.service} ${request.action}`) {
      case 'sts GetCallerIdentity':
        return xml(fixture('sts-get-caller-identity-assumed-role.xml'));
      case 'iam GetRole':
        return queryError('AccessDenied', `User: arn:aws:sts::${ACCOUNT}:assumed-role/my-role-name/my-role-session-name is not authorized to perform: iam:GetRole`);
      case 'iam SimulatePrincipalPolicy':
        return simulationAnswer(request, denied);
      case 'servicequotas GetServiceQuota': {
        const code = request.json.QuotaCode;
        if (code === 'L-D64DA6E2') return json(JSON.parse(fixture('service-quotas-get-service-quota.json')));
        if (code === 'L-24B04930') return quota('L-24B04930', 'Web distributions per AWS account', 200);
        if (code === 'L-CF0D4FC5') return quota('L-CF0D4FC5', 'Response headers policies per AWS account', 20);
        return jsonError('NoSuchResourceException', 'The request failed because the specified service quota does not exist.');
      }
      case 'servicequotas GetAWSDefaultServiceQuota':
        return request.json.QuotaCode === 'L-627C1657'
          ? quota('L-627C1657', 'User pools per account', 1000)
          : jsonError('NoSuchResourceException', 'The request failed because the specified service quota does not exist.');
      case 'servicequotas ListAWSDefaultServiceQuotas':
        return json({ Quotas: [JSON.parse(fixture('service-quotas-get-service-quota.json')).Quota] });
      case 's3 HeadBucket':
        // The state bucket's name belongs to someone else; every other name is free.
        return { status: request.path.startsWith('/ott-prod-terraform-state') ? 403 : 404 };
      default:
        return queryError('InvalidAction', `unexpected ${request.service} ${request.action}`, 400);
    }
  };
}

describe('ott-ops aws doctor', () => {
  it('reports the account, the denied actions, a quota the account lacks, and a state bucket name someone else holds', async () => {
    fake = await startFakeAws(awsAnswers(new Set(['cloudfront:CreateKeyGroup', 'mediaconvert:CreateQueue'])));
    const clients = awsClients({ endpoint: fake.endpoint, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
    const { code, stdout } = await runOpsCaptured(['aws', 'doctor'], { configPath: await oneAccount(), clients });

    expect(code).toBe(1);
    expect(stdout).toContain(`ok       AWS credentials: account ${ACCOUNT} as arn:aws:sts::${ACCOUNT}:assumed-role/my-role-name/my-role-session-name`);
    // The session is simulated as its role; GetRole was denied, so as the role's path-less ARN.
    const simulation = fake.requests.find((request) => request.action === 'SimulatePrincipalPolicy');
    expect(simulation?.form.get('PolicySourceArn')).toBe(`arn:aws:iam::${ACCOUNT}:role/my-role-name`);
    const simulated = [...(simulation?.form.values() ?? [])];
    expect(simulated).toEqual(expect.arrayContaining(['cloudfront:CreateDistribution', 'cognito-idp:CreateUserPool', 'rds:CreateDBInstance', 's3:PutObject']));
    expect(stdout).toContain(`PROBLEM  Deploy permissions: platform account ${ACCOUNT}: arn:aws:iam::${ACCOUNT}:role/my-role-name is not allowed cloudfront:CreateKeyGroup, mediaconvert:CreateQueue`);

    expect(stdout).toContain(`PROBLEM  Service Quotas: cell eu-1: "Key groups per AWS account" (cloudfront L-D64DA6E2) is 10 in account ${ACCOUNT} (applied value), but infra.json counts on 50`);
    expect(stdout).toContain('aws service-quotas request-service-quota-increase --service-code cloudfront --quota-code L-D64DA6E2 --desired-value 50 --region us-east-1');
    expect(stdout).toContain('ok       Service Quotas: cell eu-1: "User pools per account" (cognito-idp L-627C1657) is 1000 in account 123456789012 (AWS default)');
    expect(stdout).toContain('warning  Service Quotas: cell eu-1: Service Quotas does not list "Public keys per AWS account" (cloudfront)');
    // CloudFront's quotas are global and answered in us-east-1; Cognito's in the cell's region.
    const regions = (code: string) => fake?.requests.filter((request) => request.json.QuotaCode === code).map((request) => request.region);
    expect(new Set(regions('L-D64DA6E2'))).toEqual(new Set(['us-east-1']));
    expect(new Set(regions('L-627C1657'))).toEqual(new Set(['eu-west-1']));

    expect(stdout).toContain('PROBLEM  Bucket names: state bucket ott-prod-terraform-state exists but this identity may not use it');
    expect(stdout).toContain('→ Choose another state.bucket in infra.json');
    expect(stdout).toMatch(/3 problems to fix before deploying\.\n$/);
  });

  it('says the deploy is ready when every check passes', async () => {
    fake = await startFakeAws(awsAnswers(new Set()));
    const clients = awsClients({ endpoint: fake.endpoint, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
    const configPath = await writeConfig((example) => ({
      ...example,
      platform: { ...(example.platform as object), accountId: ACCOUNT },
      state: { bucket: 'ott-free-state', region: 'eu-west-1' },
      cells: [{ id: 'eu-1', accountId: ACCOUNT, region: 'eu-west-1', email: cellEmail(ACCOUNT, 'eu-west-1') }],
    }));
    const { code, stdout } = await runOpsCaptured(['aws', 'doctor'], { configPath, clients });
    expect(stdout).not.toContain('PROBLEM');
    expect(stdout).toContain('ok       Bucket names: state bucket ott-free-state is free');
    expect(stdout).toMatch(/Ready to deploy \(\d+ warnings\)\.\n$/);
    expect(code).toBe(0);
  });

  it('refuses a cell in another account without a deploy role, and credentials for the wrong account', async () => {
    fake = await startFakeAws(awsAnswers(new Set()));
    const clients = awsClients({ endpoint: fake.endpoint, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
    const configPath = await writeConfig((example) => ({ ...example, cells: [{ id: 'eu-9', accountId: '999999999999', region: 'eu-west-1', email: cellEmail('999999999999', 'eu-west-1') }] }));
    const { code, stdout } = await runOpsCaptured(['aws', 'doctor'], { configPath, clients });
    expect(code).toBe(1);
    expect(stdout).toContain(`PROBLEM  AWS credentials: signed in to account ${ACCOUNT}`);
    expect(stdout).toContain("but infra.json's platform account is 111111111111");
    expect(stdout).toContain('PROBLEM  Cell accounts: cell eu-9 is in account 999999999999 but names no deployRoleArn');
  });

  it('without infra.json says which file is missing and how to make it, as cdktf synth does, and asks AWS nothing', async () => {
    fake = await startFakeAws(awsAnswers(new Set()));
    const clients = awsClients({ endpoint: fake.endpoint, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
    const missing = `${await writeConfig((example) => example)}.missing`;
    const { code, stdout } = await runOpsCaptured(['aws', 'doctor'], { configPath: missing, clients });
    expect(code).toBe(1);
    expect(stdout).toContain(`PROBLEM  Configuration: No infrastructure configuration at ${missing}. Copy tenant-infra/infra.example.json to infra.json`);
    expect(stdout).not.toMatch(/^\s+at /m);
    expect(fake.requests).toEqual([]);
  });

  it('flags a Node older than the engines the repository states', async () => {
    const { stdout } = await runOpsCaptured(['aws', 'doctor'], { configPath: '/nonexistent/infra.json', nodeVersion: 'v20.18.3' });
    expect(stdout).toContain('PROBLEM  Node version: Node v20.18.3 is older than the >=20.19 the repository needs');
  });
});
