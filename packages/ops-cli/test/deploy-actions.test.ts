// Every resource type the stacks create has its permissions listed, so the doctor simulates all of them: a stack that
// gains a resource type fails here until deploy-actions.ts says what applying it needs.
import { expect, it } from 'vitest';
import { requiredActions } from '../src/aws/deploy-actions.js';
import { loadDeployTargets } from '../src/aws/deploy-targets.js';
import { EXAMPLE_CONFIG } from './support/run-ops.js';

it('knows the permissions of every resource type the example configuration synthesises', async () => {
  const { targets } = await loadDeployTargets(EXAMPLE_CONFIG);
  // The example has a cell in a second account: its stacks are applied by that cell's deploy role.
  expect(targets.map((target) => [target.label, target.deployRoleArn])).toEqual([
    ['platform account 111111111111', undefined],
    ['cell eu-2 (account 222222222222)', 'arn:aws:iam::222222222222:role/ott-prod-terraform'],
  ]);
  for (const target of targets) expect(requiredActions(target.resourceTypes).unknownTypes, target.label).toEqual([]);
  const platform = targets[0]?.resourceTypes ?? new Set();
  expect([...platform]).toEqual(expect.arrayContaining(['aws_db_instance', 'aws_ecs_service', 'aws_cloudfront_distribution', 'aws_cognito_user_pool']));
});

it('names the resource types it has no permissions for', () => {
  expect(requiredActions(['aws_s3_bucket', 'aws_wafv2_web_acl'])).toEqual({
    actions: ['s3:CreateBucket', 's3:DeleteBucket', 's3:GetBucketTagging', 's3:ListBucket', 's3:PutBucketTagging'],
    unknownTypes: ['aws_wafv2_web_acl'],
  });
});
