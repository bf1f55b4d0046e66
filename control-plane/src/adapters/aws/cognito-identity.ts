// IdentityProvider on Cognito: one user pool per tenant (made by the tenant stack in production, by
// createPool here when missing), admin-invited viewers, ID tokens verified through the pool's JWKS with
// the issuer and the app client checked (a token of another tenant's pool never passes).
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
  type AttributeType,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { viewerPoolName } from '@ott/tenant-infra';
import { temporaryPassword } from '../../crypto/passwords.js';
import { conflict, expiredNewPasswordSession, expiredResetCode, invalid, limitExceeded, notFound, viewerExists, wrongResetCode, wrongViewerCredentials } from '../../domain/errors.js';
import type { Clock, IdentityProvider, PasswordResetStart, ViewerSignInResult, ViewerTokens } from '../../ports.js';

export interface CognitoIdentityOptions {
  client: CognitoIdentityProviderClient;
  /** `https://cognito-idp.{region}.amazonaws.com` (or an emulator): tokens' `iss` is `{issuerBase}/{poolId}`. */
  issuerBase: string;
  clock: Clock;
  /** A verified viewer is re-checked with Cognito after this long, so removals take effect everywhere soon. */
  existenceCacheMs?: number;
}

/**
 * Cognito (and cognito-local) name wrong credentials differently; all of them mean "wrong e-mail or password", so an
 * unknown viewer and a wrong password answer alike even from a pool client still on LEGACY existence errors.
 */
/** What the pool's password policy (createPool) asks, said to a viewer whose password it refused. */
const PASSWORD_POLICY_HINT = 'Choose a longer password, with lower and upper case letters and a number.';

const BAD_CREDENTIALS = new Set(['NotAuthorizedException', 'UserNotFoundException', 'InvalidPasswordException', 'UserNotConfirmedException']);

export class CognitoIdentity implements IdentityProvider {
  readonly #clients = new Map<string, Promise<string>>();
  readonly #jwks = new Map<string, JWTVerifyGetKey>();
  readonly #known = new Map<string, number>();
  private readonly cognito: CognitoIdentityProviderClient;
  private readonly existenceCacheMs: number;

  constructor(private readonly options: CognitoIdentityOptions) {
    this.cognito = options.client;
    this.existenceCacheMs = options.existenceCacheMs ?? 60_000;
  }

  async createPool(tenantId: string): Promise<{ poolId: string }> {
    const name = viewerPoolName(tenantId);
    const existing = await this.findPool(name);
    if (existing) return { poolId: existing };
    const created = await this.cognito.send(
      new CreateUserPoolCommand({
        PoolName: name,
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        MfaConfiguration: 'OPTIONAL',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 7 } },
        UserPoolTags: { 'ott:tenant': tenantId },
      }),
    );
    const poolId = created.UserPool?.Id;
    if (!poolId) throw new Error('Cognito created no user pool');
    // PreventUserExistenceErrors: an unknown user gets the wrong-password answer, not UserNotFoundException. The API's
    // default for a new client is LEGACY (it reveals who has an account), unlike the console's and the tenant stack's.
    await this.cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'player',
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
      }),
    );
    return { poolId };
  }

  async inviteViewer(poolId: string, email: string): Promise<{ viewerId: string; temporaryPassword: string }> {
    // A pool's policy may demand both cases; the random part need not contain both.
    const password = `${temporaryPassword()}Ab`;
    const created = await this.adminCreateUser(poolId, email, password);
    if (!created) throw conflict(`${email} is already a viewer. Remove them first to send a new invitation.`);
    return { viewerId: created.viewerId, temporaryPassword: password };
  }

  /**
   * The pool takes no self sign-up (AllowAdminCreateUserOnly): the platform confirmed the e-mail with its own code, then
   * creates the user and sets the chosen password as permanent, which leaves the user CONFIRMED
   * (docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserPassword.html). A password the
   * pool's policy refuses removes the half-made user again.
   */
  async createViewer(poolId: string, email: string, password: string): Promise<{ viewerId: string }> {
    const created = await this.adminCreateUser(poolId, email, `${temporaryPassword()}Ab`);
    if (!created) throw viewerExists();
    try {
      await this.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: created.username, Password: password, Permanent: true }));
    } catch (error) {
      await this.cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: created.username }));
      if (nameOf(error) === 'InvalidPasswordException') throw invalid(PASSWORD_POLICY_HINT);
      throw error;
    }
    return { viewerId: created.viewerId };
  }

  /** The new user with a verified e-mail; undefined when the pool already has it. */
  private async adminCreateUser(poolId: string, email: string, temporary: string): Promise<{ viewerId: string; username: string } | undefined> {
    const normalised = email.trim().toLowerCase();
    try {
      const created = await this.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: normalised,
          TemporaryPassword: temporary,
          UserAttributes: [
            { Name: 'email', Value: normalised },
            { Name: 'email_verified', Value: 'true' },
          ],
          // Cognito's own message would be a second, unbranded e-mail: the platform sends its own through SES.
          MessageAction: 'SUPPRESS',
        }),
      );
      return { viewerId: attribute(created.User?.Attributes, 'sub') ?? created.User?.Username ?? normalised, username: created.User?.Username ?? normalised };
    } catch (error) {
      if (nameOf(error) === 'UsernameExistsException') return undefined;
      if (nameOf(error) === 'ResourceNotFoundException') throw notFound('The viewer pool');
      throw error;
    }
  }

  /**
   * A page is one or more ListUsers calls: Cognito answers at most 60 users per call (Limit 0–60) and may answer fewer
   * than asked before the end, which a PaginationToken in the answer tells
   * (docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html). Each call asks only for
   * what the page still lacks, so the token of the last call is exactly where the next page starts; it is the cursor.
   * Users come in Cognito's order, not by creation time.
   */
  async listViewers(poolId: string, page: { limit: number; cursor?: string }) {
    let token = page.cursor === undefined ? undefined : paginationTokenOf(page.cursor);
    const users: UserType[] = [];
    do {
      try {
        const answer = await this.cognito.send(new ListUsersCommand({ UserPoolId: poolId, Limit: Math.min(LIST_USERS_MAX, page.limit - users.length), PaginationToken: token }));
        users.push(...(answer.Users ?? []));
        token = answer.PaginationToken;
      } catch (error) {
        if (nameOf(error) === 'InvalidParameterException' && token !== undefined) throw invalidViewerCursor();
        throw error;
      }
    } while (token && users.length < page.limit);
    return {
      data: users.map((user) => ({
        viewerId: attribute(user.Attributes, 'sub') ?? user.Username ?? '',
        email: attribute(user.Attributes, 'email') ?? user.Username ?? '',
        status: user.UserStatus === 'FORCE_CHANGE_PASSWORD' ? ('invited' as const) : ('active' as const),
        createdAt: user.UserCreateDate ?? new Date(0),
      })),
      nextCursor: token ? Buffer.from(token, 'utf8').toString('base64url') : null,
    };
  }

  /** AdminSetUserPassword with Permanent false: the user is back in FORCE_CHANGE_PASSWORD with the new password. */
  async renewTemporaryPassword(poolId: string, viewerId: string): Promise<{ email: string; temporaryPassword: string }> {
    const user = (await this.listViewerUsers(poolId)).find((candidate) => attribute(candidate.Attributes, 'sub') === viewerId);
    if (!user?.Username) throw notFound('The viewer');
    const email = attribute(user.Attributes, 'email') ?? user.Username;
    if (user.UserStatus !== 'FORCE_CHANGE_PASSWORD') throw conflict(`${email} has already signed in: there is no invitation to send again.`);
    const password = `${temporaryPassword()}Ab`;
    await this.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: user.Username, Password: password, Permanent: false }));
    return { email, temporaryPassword: password };
  }

  async removeViewer(poolId: string, viewerId: string): Promise<void> {
    const user = (await this.listViewerUsers(poolId)).find((candidate) => attribute(candidate.Attributes, 'sub') === viewerId);
    if (!user?.Username) throw notFound('The viewer');
    await this.cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: user.Username }));
    this.#known.delete(`${poolId}\n${viewerId}`);
  }

  async signIn(poolId: string, email: string, password: string): Promise<ViewerSignInResult> {
    const username = email.trim().toLowerCase();
    try {
      const answer = await this.cognito.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: await this.clientId(poolId), AuthParameters: { USERNAME: username, PASSWORD: password } }),
      );
      if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED' && answer.Session) {
        // The challenge answer needs the username again; the session we hand out carries both.
        return { kind: 'new-password-required', session: Buffer.from(JSON.stringify({ u: username, s: answer.Session })).toString('base64url') };
      }
      return { kind: 'signed-in', ...this.tokens(answer.AuthenticationResult) };
    } catch (error) {
      if (BAD_CREDENTIALS.has(nameOf(error))) throw wrongViewerCredentials();
      throw error;
    }
  }

  async completeNewPassword(poolId: string, session: string, newPassword: string): Promise<ViewerTokens> {
    let parsed: { u: string; s: string };
    try {
      parsed = JSON.parse(Buffer.from(session, 'base64url').toString()) as { u: string; s: string };
    } catch {
      throw expiredNewPasswordSession();
    }
    try {
      const answer = await this.cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: await this.clientId(poolId),
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: parsed.s,
          ChallengeResponses: { USERNAME: parsed.u, NEW_PASSWORD: newPassword },
        }),
      );
      return this.tokens(answer.AuthenticationResult);
    } catch (error) {
      if (nameOf(error) === 'CodeMismatchException' || nameOf(error) === 'NotAuthorizedException' || nameOf(error) === 'ExpiredCodeException') {
        throw expiredNewPasswordSession();
      }
      throw error;
    }
  }

  /**
   * ForgotPassword: Cognito makes the code and emails it itself (through the pool's email configuration: SES in
   * production, as Cognito's own sender allows 50 messages a day), so nothing is returned to send. With
   * PreventUserExistenceErrors an unknown user gets a simulated delivery, not UserNotFoundException
   * (docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html).
   */
  async startPasswordReset(poolId: string, email: string): Promise<PasswordResetStart> {
    try {
      await this.cognito.send(new ForgotPasswordCommand({ ClientId: await this.clientId(poolId), Username: email.trim().toLowerCase() }));
      return { kind: 'sent' };
    } catch (error) {
      if (nameOf(error) === 'UserNotFoundException') return { kind: 'no-account' };
      if (nameOf(error) === 'LimitExceededException' || nameOf(error) === 'TooManyRequestsException') throw limitExceeded('Too many codes were asked for. Wait a few minutes, then request a new one.');
      throw error;
    }
  }

  /**
   * ConfirmForgotPassword: a wrong code is CodeMismatchException, an old one ExpiredCodeException; too many wrong ones
   * TooManyFailedAttemptsException, and a password the pool's policy refuses InvalidPasswordException
   * (docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html).
   */
  async confirmPasswordReset(poolId: string, email: string, code: string, newPassword: string): Promise<void> {
    try {
      await this.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: await this.clientId(poolId), Username: email.trim().toLowerCase(), ConfirmationCode: code.trim(), Password: newPassword }));
    } catch (error) {
      const name = nameOf(error);
      if (name === 'CodeMismatchException') throw wrongResetCode();
      if (name === 'ExpiredCodeException' || name === 'TooManyFailedAttemptsException' || name === 'UserNotFoundException' || name === 'LimitExceededException') throw expiredResetCode();
      if (name === 'InvalidPasswordException') throw invalid(PASSWORD_POLICY_HINT);
      throw error;
    }
  }

  async verifyViewerToken(poolId: string, token: string): Promise<{ viewerId: string; email: string } | undefined> {
    const issuer = `${this.options.issuerBase}/${poolId}`;
    let jwks = this.#jwks.get(poolId);
    if (!jwks) {
      jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
      this.#jwks.set(poolId, jwks);
    }
    let claims: Record<string, unknown>;
    try {
      const clientId = await this.clientId(poolId);
      ({ payload: claims } = await jwtVerify(token, jwks, { issuer, audience: clientId, algorithms: ['RS256'], currentDate: this.options.clock.now() }));
    } catch {
      return undefined;
    }
    const viewerId = claims.sub;
    const email = claims.email;
    const username = claims['cognito:username'];
    if (claims.token_use !== 'id' || typeof viewerId !== 'string' || typeof email !== 'string') return undefined;
    return (await this.stillExists(poolId, viewerId, typeof username === 'string' ? username : email)) ? { viewerId, email } : undefined;
  }

  /** A removed viewer's tokens stop working: at once in this process, within the cache window elsewhere. */
  private async stillExists(poolId: string, viewerId: string, username: string): Promise<boolean> {
    const key = `${poolId}\n${viewerId}`;
    const checked = this.#known.get(key);
    const now = this.options.clock.now().getTime();
    if (checked !== undefined && now - checked < this.existenceCacheMs) return true;
    try {
      await this.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    } catch (error) {
      if (nameOf(error) === 'UserNotFoundException') return false;
      throw error;
    }
    if (this.#known.size > 50_000) this.#known.clear();
    this.#known.set(key, now);
    return true;
  }

  private tokens(result: { IdToken?: string; ExpiresIn?: number } | undefined): ViewerTokens {
    if (!result?.IdToken) throw new Error('Cognito returned no ID token');
    return { idToken: result.IdToken, expiresAt: new Date(this.options.clock.now().getTime() + (result.ExpiresIn ?? 3600) * 1000) };
  }

  private async listViewerUsers(poolId: string): Promise<UserType[]> {
    const users: UserType[] = [];
    let token: string | undefined;
    do {
      const page = await this.cognito.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token }));
      users.push(...(page.Users ?? []));
      token = page.PaginationToken;
    } while (token);
    return users;
  }

  private async findPool(name: string): Promise<string | undefined> {
    let token: string | undefined;
    do {
      const page = await this.cognito.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: token }));
      const match = page.UserPools?.find((pool) => pool.Name === name);
      if (match?.Id) return match.Id;
      token = page.NextToken;
    } while (token);
    return undefined;
  }

  /** The pool's app client (the tenant stack makes exactly one); looked up once per pool. */
  private clientId(poolId: string): Promise<string> {
    let id = this.#clients.get(poolId);
    if (!id) {
      id = this.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 10 })).then((page) => {
        const clientId = page.UserPoolClients?.[0]?.ClientId;
        if (!clientId) throw notFound('The viewer pool');
        return clientId;
      });
      id.catch(() => this.#clients.delete(poolId));
      this.#clients.set(poolId, id);
    }
    return id;
  }
}

function attribute(attributes: AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((candidate) => candidate.Name === name)?.Value;
}

/** The most users one ListUsers call returns. */
const LIST_USERS_MAX = 60;

const invalidViewerCursor = () => invalid('The cursor is not one this API gave: pass back the nextCursor of the previous page unchanged, or leave it out to start at the first page.');

/** Our cursor wraps Cognito's token (which is opaque, at least one non-space character). */
function paginationTokenOf(cursor: string): string {
  const token = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\S+$/.test(token)) throw invalidViewerCursor();
  return token;
}

function nameOf(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}
