// The tenant's viewer pool: people sign in with their e-mail, the tenant's admins invite them (no self
// sign-up: the tenant decides who watches), MFA is the viewer's choice.
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool/index.js';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client/index.js';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain/index.js';
import { Construct } from 'constructs';
import { EMAIL_SIGN_IN } from './email-sign-in.js';

/** A verified SES identity of the pool's account and Region, and the FROM header (infra-config.ts checks both). */
export interface ViewerEmail {
  sesIdentityArn: string;
  from: string;
}

export interface ViewerIdentityProps {
  poolName: string;
  domainPrefix: string;
  /** Sites the hosted sign-in may return to. */
  callbackOrigins: readonly string[];
  tenantName: string;
  email: ViewerEmail;
  tags: Record<string, string>;
  /** Offboarding only: protection off, so `terraform destroy` can delete the pool. */
  retiring?: boolean;
}

export const VIEWER_PASSWORD_POLICY = {
  minimumLength: 10,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: false,
  temporaryPasswordValidityDays: 7,
} as const;

export class ViewerIdentity extends Construct {
  readonly pool: CognitoUserPool;
  readonly client: CognitoUserPoolClient;
  readonly domain: CognitoUserPoolDomain;

  constructor(scope: Construct, id: string, props: ViewerIdentityProps) {
    super(scope, id);
    this.pool = new CognitoUserPool(this, 'pool', {
      name: props.poolName,
      ...EMAIL_SIGN_IN,
      mfaConfiguration: 'OPTIONAL',
      // Through SES: Cognito's own sender stops at 50 e-mails a day per account and rejects the invitation texts below
      // (EmailConfigurationType: with COGNITO_DEFAULT, InviteMessageTemplate.EmailMessage and EmailSubject "aren't
      // allowed"; https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_EmailConfigurationType.html).
      // With DEVELOPER, Cognito sends through its service-linked role AWSServiceRoleForAmazonCognitoIdpEmailService.
      emailConfiguration: { emailSendingAccount: 'DEVELOPER', sourceArn: props.email.sesIdentityArn, fromEmailAddress: props.email.from },
      passwordPolicy: { ...VIEWER_PASSWORD_POLICY },
      adminCreateUserConfig: {
        allowAdminCreateUserOnly: true,
        inviteMessageTemplate: {
          emailSubject: `Your invitation to watch ${props.tenantName}`,
          emailMessage: `You are invited to watch ${props.tenantName}. Sign in with {username} and the temporary password {####}.`,
          smsMessage: `Sign in with {username} and the temporary password {####}.`,
        },
      },
      accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      deletionProtection: props.retiring ? 'INACTIVE' : 'ACTIVE',
      tags: props.tags,
    });
    this.client = new CognitoUserPoolClient(this, 'client', {
      name: 'player',
      userPoolId: this.pool.id,
      // A public client (browsers, the player SDK): no secret to leak.
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      idTokenValidity: 60,
      accessTokenValidity: 60,
      refreshTokenValidity: 30,
      tokenValidityUnits: [{ idToken: 'minutes', accessToken: 'minutes', refreshToken: 'days' }],
      allowedOauthFlowsUserPoolClient: props.callbackOrigins.length > 0,
      allowedOauthFlows: props.callbackOrigins.length > 0 ? ['code'] : undefined,
      allowedOauthScopes: props.callbackOrigins.length > 0 ? ['openid', 'email'] : undefined,
      callbackUrls: props.callbackOrigins.length > 0 ? props.callbackOrigins.map((origin) => `${origin}/`) : undefined,
      supportedIdentityProviders: ['COGNITO'],
    });
    this.domain = new CognitoUserPoolDomain(this, 'domain', { domain: props.domainPrefix, userPoolId: this.pool.id });
  }
}
