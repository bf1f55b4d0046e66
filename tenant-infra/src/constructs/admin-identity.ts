// The pool of tenant admins (people who run a tenant's workspace in the portal). Admins are invited by
// their tenant's owner or created at sign-up by the control plane; MFA is required: they can delete films.
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool/index.js';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client/index.js';
import { Construct } from 'constructs';
import { EMAIL_SIGN_IN } from './email-sign-in.js';

export const ADMIN_PASSWORD_POLICY = { minimumLength: 12, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 3 } as const;

export class AdminIdentity extends Construct {
  readonly pool: CognitoUserPool;
  readonly client: CognitoUserPoolClient;

  constructor(scope: Construct, id: string, props: { namePrefix: string; portalOrigins: readonly string[] }) {
    super(scope, id);
    this.pool = new CognitoUserPool(this, 'pool', {
      name: `${props.namePrefix}-admins`,
      ...EMAIL_SIGN_IN,
      mfaConfiguration: 'ON',
      passwordPolicy: { ...ADMIN_PASSWORD_POLICY },
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      deletionProtection: 'ACTIVE',
    });
    this.client = new CognitoUserPoolClient(this, 'portal', {
      name: 'tenant-portal',
      userPoolId: this.pool.id,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ['code'],
      allowedOauthScopes: ['openid', 'email'],
      callbackUrls: props.portalOrigins.map((origin) => `${origin}/`),
      supportedIdentityProviders: ['COGNITO'],
    });
  }
}
