// The control plane's first deploy, on the platform stack's synth output: the tasks reach RDS over verified TLS with
// the RDS-managed credentials, and every secret value they need exists before a task starts, none of it in state.
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { CONTROL_PLANE_SECRET_KEYS, STRIPE_SECRET_KEYS } from '../src/constructs/control-plane-service.js';
import { WRITE_ONLY_TERRAFORM } from '../src/constructs/ephemeral-password.js';
import { PlatformStack } from '../src/stacks/platform-stack.js';
import { infraConfig, only, resources, synth, type Synth } from './fixtures.js';

type Json = Record<string, unknown>;
const stack = synth(new PlatformStack(Testing.app(), 'platform', infraConfig()));
const ephemeral = (stack as Synth & { ephemeral?: Record<string, Record<string, Json>> }).ephemeral ?? {};
const [databaseId] = Object.keys(resources(stack, 'aws_db_instance'));

function containerEnvironment(family: string): Record<string, string> {
  const task = Object.values(resources(stack, 'aws_ecs_task_definition')).find((candidate) => candidate.family === family);
  const [container] = JSON.parse(String(task?.container_definitions)) as { environment: { name: string; value: string }[] }[];
  return Object.fromEntries(container?.environment.map((entry) => [entry.name, entry.value]) ?? []);
}

describe('the platform database', () => {
  it('refuses connections without TLS', () => {
    const group = only(stack, 'aws_db_parameter_group');
    expect(group).toMatchObject({ family: 'postgres17', parameter: [{ name: 'rds.force_ssl', value: '1' }] });
    expect(only(stack, 'aws_db_instance').parameter_group_name).toBe(`\${aws_db_parameter_group.${Object.keys(resources(stack, 'aws_db_parameter_group'))[0]}.name}`);
  });

  it('is reached by both services at its endpoint name, over verified TLS, with the credentials from the RDS-managed secret', () => {
    for (const family of ['ott-test-api', 'ott-test-worker']) {
      expect(containerEnvironment(family)).toMatchObject({
        DATABASE_HOST: `\${aws_db_instance.${databaseId}.address}`,
        DATABASE_PORT: `\${aws_db_instance.${databaseId}.port}`,
        DATABASE_NAME: 'ott',
        DATABASE_SECRET_ARN: `\${aws_db_instance.${databaseId}.master_user_secret[0].secret_arn}`,
        DATABASE_TLS: 'verify-full',
      });
      expect(containerEnvironment(family)).not.toHaveProperty('DATABASE_URL');
    }
  });

  it('lets the tasks read that one secret and no other', () => {
    const statements = Object.values(resources(stack, 'aws_iam_role_policy')).flatMap((policy) => (JSON.parse(String(policy.policy)) as { Statement: Json[] }).Statement);
    const reads = statements.filter((statement) => JSON.stringify(statement.Action).includes('secretsmanager:GetSecretValue'));
    const task = reads.find((statement) => statement.Sid === 'ReadDatabaseCredentials');
    expect(task).toMatchObject({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: `\${aws_db_instance.${databaseId}.master_user_secret[0].secret_arn}` });
  });
});

/** The control plane's generated secret (the other version is the origin header's, origin-verify.ts). */
const [versionId, controlPlaneVersion] = Object.entries(resources(stack, 'aws_secretsmanager_secret_version')).find(([id]) => id.startsWith('control-plane_')) ?? ['', {}];

describe("the control plane's secret", () => {
  const version = controlPlaneVersion;

  it('is generated during the apply, one 32-byte base64 key per name, and written without entering the state', () => {
    for (const key of CONTROL_PLANE_SECRET_KEYS) {
      const name = `control_plane_${key.toLowerCase()}`;
      expect(ephemeral.aws_secretsmanager_random_password?.[name]).toEqual({ password_length: 43, exclude_punctuation: true, include_space: false });
      expect(String(version.secret_string_wo)).toContain(`${key} = ephemeral.aws_secretsmanager_random_password.${name}.random_password`);
    }
    expect(String(version.secret_string_wo)).toMatch(/^\$\{jsonencode\(\{ .* \}\)\}$/);
    expect(version).not.toHaveProperty('secret_string');
    expect(stack.terraform.required_version).toBe(WRITE_ONLY_TERRAFORM);
  });

  it('is written once: later applies never replace the keys', () => {
    expect(version.secret_string_wo_version).toBe(1);
  });

  it('exists before either service starts a task', () => {
    for (const service of Object.values(resources(stack, 'aws_ecs_service'))) {
      expect(service.depends_on).toContain(`aws_secretsmanager_secret_version.${versionId}`);
    }
  });
});

describe('the secrets billing and the operator need', () => {
  const secretId = (name: string) => Object.entries(resources(stack, 'aws_secretsmanager_secret')).find(([, secret]) => secret.name === name)?.[0];
  const containerSecrets = (family: string) => {
    const task = Object.values(resources(stack, 'aws_ecs_task_definition')).find((candidate) => candidate.family === family);
    const [container] = JSON.parse(String(task?.container_definitions)) as { secrets: { name: string; valueFrom: string }[] }[];
    return Object.fromEntries(container?.secrets.map((secret) => [secret.name, secret.valueFrom]) ?? []);
  };

  it('generates the operator token with the other keys, so operator procedures work on AWS', () => {
    expect(String(controlPlaneVersion.secret_string_wo)).toContain('OTT_OPERATOR_TOKEN = ephemeral.aws_secretsmanager_random_password.control_plane_ott_operator_token.random_password');
    for (const family of ['ott-test-api', 'ott-test-worker']) {
      expect(containerSecrets(family).OTT_OPERATOR_TOKEN).toBe(`\${aws_secretsmanager_secret.${secretId('ott-test/control-plane')}.arn}:OTT_OPERATOR_TOKEN::`);
    }
  });

  it('gives both services the Stripe keys from a secret the operator fills, which the apply never writes', () => {
    const stripe = secretId('ott-test/stripe');
    expect(stripe).toBeDefined();
    for (const family of ['ott-test-api', 'ott-test-worker']) {
      const secrets = containerSecrets(family);
      for (const key of STRIPE_SECRET_KEYS) expect(secrets[key]).toBe(`\${aws_secretsmanager_secret.${stripe}.arn}:${key}::`);
    }
    // Only the generated secrets have a version: a value Terraform wrote would overwrite the operator's keys.
    for (const version of Object.values(resources(stack, 'aws_secretsmanager_secret_version'))) expect(String(version.secret_id)).not.toContain(String(stripe));
    expect(stack.output).toHaveProperty('stripe_secret_arn');
  });

  it('lets the execution role, which injects them, read the two secrets and no other; the task roles never read the Stripe secret', () => {
    const policies = Object.values(resources(stack, 'aws_iam_role_policy'));
    const statementsOf = (policy: Json) => (JSON.parse(String(policy.policy)) as { Statement: Json[] }).Statement;
    const execution = policies.find((policy) => policy.name === 'read-control-plane-secret');
    expect(statementsOf(execution ?? {})).toEqual([
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [`\${aws_secretsmanager_secret.${secretId('ott-test/control-plane')}.arn}`, `\${aws_secretsmanager_secret.${secretId('ott-test/stripe')}.arn}`],
      },
    ]);
    const others = policies.filter((policy) => policy !== execution).flatMap(statementsOf);
    expect(JSON.stringify(others)).not.toContain(`aws_secretsmanager_secret.${secretId('ott-test/stripe')}`);
  });
});

describe('dead infrastructure', () => {
  it('has no Cognito pool for tenant admins (the control plane signs admins in itself)', () => {
    expect(resources(stack, 'aws_cognito_user_pool')).toEqual({});
    expect(Object.keys(stack.output)).not.toContain('admin_pool_id');
  });
});
