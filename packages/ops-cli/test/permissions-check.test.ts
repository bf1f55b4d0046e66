// The permission check reads IAM's recorded SimulatePrincipalPolicy answer as AWS sends it: the implicitDeny is a problem.
import { afterEach, expect, it } from 'vitest';
import { awsClients } from '../src/aws/aws-clients.js';
import { checkPermissions } from '../src/aws/permissions-check.js';
import { fixture, startFakeAws, xml, type FakeAws } from './support/fake-aws.js';

let fake: FakeAws | undefined;
afterEach(() => fake?.close());

it('reports the action the recorded simulation denies, and only that one', async () => {
  fake = await startFakeAws(() => xml(fixture('iam-simulate-principal-policy.xml')));
  const iam = awsClients({ endpoint: fake.endpoint, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }).iam();
  const results = await checkPermissions({
    label: 'state bucket',
    principalArn: 'arn:aws:iam::111122223333:user/Jill',
    iam,
    resourceTypes: [],
    extraActions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
  });
  expect(results).toEqual([expect.objectContaining({ status: 'problem', detail: 'state bucket: arn:aws:iam::111122223333:user/Jill is not allowed s3:DeleteObject' })]);
  expect(fake.requests[0]?.form.get('Action')).toBe('SimulatePrincipalPolicy');
});
