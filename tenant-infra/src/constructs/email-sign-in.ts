// How both user pools (tenant admins, viewers) identify people: by e-mail, case-insensitively, verified on
// creation (an invitation proves the address), with authenticator-app MFA available. What differs between
// them (MFA required or optional, password policy, invitations) stays in each pool's construct.
import type { CognitoUserPoolConfig } from '@cdktf/provider-aws/lib/cognito-user-pool/index.js';

export const EMAIL_SIGN_IN = {
  usernameAttributes: ['email'],
  autoVerifiedAttributes: ['email'],
  usernameConfiguration: { caseSensitive: false },
  softwareTokenMfaConfiguration: { enabled: true },
} satisfies Partial<CognitoUserPoolConfig>;
