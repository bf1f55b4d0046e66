// Viewer invitations go out through the cell's SES identity: Cognito's default sender allows 50 e-mails a day per
// account and refuses the custom invitation texts the viewer pool sets.
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { parseInfraConfig } from '../src/infra-config.js';
import { TenantStack } from '../src/stacks/tenant-stack.js';
import { tenantStackProps } from '../src/tenant-stack-props.js';
import { PLATFORM_ACCOUNT, cellEmail, infraConfig, only, synth, tenant } from './fixtures.js';

const config = infraConfig();
const cell = config.cells[0]!;
const pool = only(synth(new TenantStack(Testing.app(), 'tenant', tenantStackProps(config, tenant(1), cell))), 'aws_cognito_user_pool');
const document = (cellOverrides: Record<string, unknown>) => ({
  namePrefix: 'ott-test',
  platform: { accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', image: 'x', portalOrigins: ['https://portal.ott.example'] },
  state: { bucket: 'ott-test-state', region: 'eu-west-1' },
  cells: [{ id: 'eu-1', accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', email: cellEmail(PLATFORM_ACCOUNT, 'eu-west-1'), ...cellOverrides }],
});

describe("the viewer pool's e-mail", () => {
  it("is sent by Amazon SES from the cell's verified identity", () => {
    expect(pool.email_configuration).toEqual({
      email_sending_account: 'DEVELOPER',
      source_arn: `arn:aws:ses:eu-west-1:${PLATFORM_ACCOUNT}:identity/video.example.com`,
      from_email_address: 'Example Video <no-reply@video.example.com>',
    });
  });

  it('may carry custom invitation texts, which Cognito accepts only when it sends through SES', () => {
    const invitation = (pool.admin_create_user_config as { invite_message_template?: { email_subject?: string; email_message?: string } }).invite_message_template;
    expect(invitation?.email_message).toContain('{####}');
    expect((pool.email_configuration as { email_sending_account?: string } | undefined)?.email_sending_account).toBe('DEVELOPER');
  });
});

describe("a cell's e-mail identity in the infrastructure configuration", () => {
  it('is required, and the message says what to add', () => {
    const { email: _none, ...withoutEmail } = document({}).cells[0]!;
    expect(() => parseInfraConfig({ ...document({}), cells: [withoutEmail] })).toThrow(
      /cells\.0\.email: missing: every cell needs the SES identity its viewer invitations are sent from, e\.g\. "email": \{ "sesIdentityArn"/,
    );
  });

  it("must be in the cell's own account and region", () => {
    expect(() => parseInfraConfig(document({ email: cellEmail('222222222222', 'eu-west-1') }))).toThrow(
      "cells.eu-1.email: the SES identity is in 222222222222/eu-west-1 but the cell is 111111111111/eu-west-1; verify an identity in the cell's account and region and use its ARN.",
    );
    expect(() => parseInfraConfig(document({ email: cellEmail(PLATFORM_ACCOUNT, 'us-east-1') }))).toThrow(/the SES identity is in 111111111111\/us-east-1 but the cell is 111111111111\/eu-west-1/);
  });

  it('sends from an address of that identity', () => {
    const email = { ...cellEmail(PLATFORM_ACCOUNT, 'eu-west-1'), from: 'Example <no-reply@elsewhere.example>' };
    expect(() => parseInfraConfig(document({ email }))).toThrow('cells.eu-1.email: from (no-reply@elsewhere.example) is not an address of the SES identity video.example.com');
    expect(() => parseInfraConfig(document({ email: { ...email, from: 'no-reply@mail.video.example.com' } }))).not.toThrow();
  });
});
