// The IdentityProvider contract: viewer pools as the domain uses them (the built-in issuer, Cognito).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type ViewerSignIn = { kind: 'signed-in'; idToken: string; expiresAt: Date } | { kind: 'new-password-required'; session: string };
export type PasswordResetStart = { kind: 'send-code'; code: string; expiresAt: Date } | { kind: 'sent' } | { kind: 'no-account' };

/** The IdentityProvider port, structurally. */
export interface IdentityProviderUnderTest {
  createPool(tenantId: string): Promise<{ poolId: string }>;
  inviteViewer(poolId: string, email: string): Promise<{ viewerId: string; temporaryPassword: string }>;
  createViewer(poolId: string, email: string, password: string): Promise<{ viewerId: string }>;
  renewTemporaryPassword(poolId: string, viewerId: string): Promise<{ email: string; temporaryPassword: string }>;
  listViewers(
    poolId: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ data: { viewerId: string; email: string; status: 'invited' | 'active'; createdAt: Date }[]; nextCursor: string | null }>;
  removeViewer(poolId: string, viewerId: string): Promise<void>;
  signIn(poolId: string, email: string, password: string): Promise<ViewerSignIn>;
  completeNewPassword(poolId: string, session: string, newPassword: string): Promise<{ idToken: string; expiresAt: Date }>;
  verifyViewerToken(poolId: string, token: string): Promise<{ viewerId: string; email: string } | undefined>;
  startPasswordReset(poolId: string, email: string): Promise<PasswordResetStart>;
  confirmPasswordReset(poolId: string, email: string, code: string, newPassword: string): Promise<void>;
}

export interface IdentityProviderFixture {
  identity: IdentityProviderUnderTest;
  /** A tenant that exists wherever the adapter needs it (a row for the local pool's foreign key). */
  newTenantId(): Promise<string>;
  /** The reset code the viewer received: the one handed back to send, or the one the provider delivered itself. */
  resetCodeOf(poolId: string, email: string, started: PasswordResetStart): Promise<string>;
  close(): Promise<void>;
  /**
   * The emulator answers any password of a viewer who must change theirs with the new-password challenge (cognito-local
   * 5.3 checks the password only after the FORCE_CHANGE_PASSWORD branch of USER_PASSWORD_AUTH; Cognito checks it first),
   * so a replaced temporary password cannot be seen to stop working there.
   */
  acceptsAnyTemporaryPassword?: boolean;
}

const NEW_PASSWORD = 'Watch-Films-2026';

async function rejection(promise: Promise<unknown>): Promise<{ kind?: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { kind?: unknown; message: string };
  }
  throw new Error('expected the call to fail');
}

export function identityProviderContract(name: string, setUp: () => Promise<IdentityProviderFixture>): void {
  describe(`IdentityProvider contract: ${name}`, () => {
    let fixture: IdentityProviderFixture;
    let poolId: string;
    let otherPoolId: string;

    /** Invites a viewer and takes them through the first sign-in; returns their ID token. */
    async function activeViewer(pool: string, email: string) {
      const invited = await fixture.identity.inviteViewer(pool, email);
      const first = await fixture.identity.signIn(pool, email, invited.temporaryPassword);
      if (first.kind !== 'new-password-required') throw new Error('a new viewer must choose a password first');
      const tokens = await fixture.identity.completeNewPassword(pool, first.session, NEW_PASSWORD);
      return { ...invited, idToken: tokens.idToken, expiresAt: tokens.expiresAt };
    }

    /** Every viewer of the pool, page after page; each page holds at most `limit`. */
    async function allViewers(pool: string, limit = 50) {
      const viewers = [];
      let cursor: string | undefined;
      do {
        const page = await fixture.identity.listViewers(pool, { limit, ...(cursor ? { cursor } : {}) });
        expect(page.data.length).toBeLessThanOrEqual(limit);
        viewers.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return viewers;
    }

    beforeAll(async () => {
      fixture = await setUp();
      poolId = (await fixture.identity.createPool(await fixture.newTenantId())).poolId;
      otherPoolId = (await fixture.identity.createPool(await fixture.newTenantId())).poolId;
    });
    afterAll(async () => fixture?.close());

    it('gives a tenant one pool however often it is asked (a retried provisioning job)', async () => {
      const tenantId = await fixture.newTenantId();
      const first = await fixture.identity.createPool(tenantId);
      expect(await fixture.identity.createPool(tenantId)).toEqual(first);
      expect(first.poolId).not.toBe(poolId);
    });

    it('invites a viewer who must replace the temporary password, then signs them in with a verifiable ID token', async () => {
      const invited = await fixture.identity.inviteViewer(poolId, 'ada@viewers.example');
      expect(invited.temporaryPassword.length).toBeGreaterThanOrEqual(8);
      expect(await allViewers(poolId)).toContainEqual(expect.objectContaining({ viewerId: invited.viewerId, email: 'ada@viewers.example', status: 'invited' }));

      const first = await fixture.identity.signIn(poolId, 'ada@viewers.example', invited.temporaryPassword);
      expect(first.kind).toBe('new-password-required');
      if (first.kind !== 'new-password-required') return;
      const tokens = await fixture.identity.completeNewPassword(poolId, first.session, NEW_PASSWORD);
      expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect(await fixture.identity.verifyViewerToken(poolId, tokens.idToken)).toEqual({ viewerId: invited.viewerId, email: 'ada@viewers.example' });
      expect(await allViewers(poolId)).toContainEqual(expect.objectContaining({ viewerId: invited.viewerId, status: 'active' }));

      const again = await fixture.identity.signIn(poolId, 'ada@viewers.example', NEW_PASSWORD);
      expect(again.kind).toBe('signed-in');
      if (again.kind === 'signed-in') expect((await fixture.identity.verifyViewerToken(poolId, again.idToken))?.viewerId).toBe(invited.viewerId);
    });

    it('refuses a wrong password and an unknown viewer alike, as unauthenticated with the same message', async () => {
      await activeViewer(poolId, 'grace@viewers.example');
      const answers = new Set<string>();
      for (const [email, password] of [
        ['grace@viewers.example', 'Not-Her-Password-1'],
        ['nobody@viewers.example', NEW_PASSWORD],
      ] as const) {
        const error = await rejection(fixture.identity.signIn(poolId, email, password));
        expect(error.kind).toBe('unauthenticated');
        answers.add(error.message);
      }
      // One message whoever it is: a different one would tell which e-mail addresses have an account.
      expect(answers.size).toBe(1);
    });

    it('renews the temporary password of a viewer who has not signed in (a resent invitation), and only theirs', async () => {
      const invited = await fixture.identity.inviteViewer(poolId, 'resent@viewers.example');
      const renewed = await fixture.identity.renewTemporaryPassword(poolId, invited.viewerId);
      expect(renewed.email).toBe('resent@viewers.example');
      expect(renewed.temporaryPassword).not.toBe(invited.temporaryPassword);
      if (!fixture.acceptsAnyTemporaryPassword) expect((await rejection(fixture.identity.signIn(poolId, 'resent@viewers.example', invited.temporaryPassword))).kind).toBe('unauthenticated');
      expect((await fixture.identity.signIn(poolId, 'resent@viewers.example', renewed.temporaryPassword)).kind).toBe('new-password-required');
      const active = await activeViewer(poolId, 'settled@viewers.example');
      expect((await rejection(fixture.identity.renewTemporaryPassword(poolId, active.viewerId))).kind).toBe('conflict');
    });

    it('refuses to invite the same viewer twice, as a conflict', async () => {
      await fixture.identity.inviteViewer(poolId, 'twice@viewers.example');
      expect((await rejection(fixture.identity.inviteViewer(poolId, 'twice@viewers.example'))).kind).toBe('conflict');
    });

    it('creates a viewer with the password they chose (a confirmed sign-up), who signs in at once; a second time is a conflict', async () => {
      const created = await fixture.identity.createViewer(poolId, 'Signed.Up@viewers.example', NEW_PASSWORD);
      const signedIn = await fixture.identity.signIn(poolId, 'signed.up@viewers.example', NEW_PASSWORD);
      if (signedIn.kind !== 'signed-in') throw new Error('a viewer who chose their password signs in without a challenge');
      expect(await fixture.identity.verifyViewerToken(poolId, signedIn.idToken)).toEqual({ viewerId: created.viewerId, email: 'signed.up@viewers.example' });
      expect((await rejection(fixture.identity.signIn(poolId, 'signed.up@viewers.example', 'Not-The-Password-1'))).kind).toBe('unauthenticated');
      expect((await rejection(fixture.identity.createViewer(poolId, 'signed.up@viewers.example', 'Another-Password-2'))).kind).toBe('conflict');
      const listed = await fixture.identity.listViewers(poolId, { limit: 60 });
      expect(listed.data.find((viewer) => viewer.email === 'signed.up@viewers.example')?.status).toBe('active');
    });

    it("does not accept a token from another tenant's pool, or a tampered one", async () => {
      const viewer = await activeViewer(otherPoolId, 'linus@viewers.example');
      expect(await fixture.identity.verifyViewerToken(otherPoolId, viewer.idToken)).toBeDefined();
      expect(await fixture.identity.verifyViewerToken(poolId, viewer.idToken)).toBeUndefined();
      const [header, payload, signature] = viewer.idToken.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...claims, email: 'mallory@viewers.example' })).toString('base64url');
      expect(await fixture.identity.verifyViewerToken(otherPoolId, `${header}.${forged}.${signature}`)).toBeUndefined();
      expect(await fixture.identity.verifyViewerToken(otherPoolId, 'not-a-jwt')).toBeUndefined();
    });

    it('pages through a pool of viewers, each one exactly once, whatever the page size', async () => {
      const pool = (await fixture.identity.createPool(await fixture.newTenantId())).poolId;
      const invited = [];
      for (let index = 0; index < 7; index++) invited.push((await fixture.identity.inviteViewer(pool, `paged-${index}@viewers.example`)).viewerId);
      for (const limit of [1, 3, 7, 60]) {
        const listed = (await allViewers(pool, limit)).map((viewer) => viewer.viewerId);
        expect(listed.toSorted()).toEqual(invited.toSorted());
      }
      const first = await fixture.identity.listViewers(pool, { limit: 3 });
      expect(first.data).toHaveLength(3);
      expect(first.nextCursor).toEqual(expect.any(String));
    });

    it('refuses a cursor it did not give, as invalid', async () => {
      expect((await rejection(fixture.identity.listViewers(poolId, { limit: 10, cursor: 'bm90LWEtY3Vyc29y' }))).kind).toBe('invalid');
    });

    it('resets a forgotten password with the code, once; a wrong code is refused as invalid', async () => {
      const viewer = await activeViewer(poolId, 'forgetful@viewers.example');
      const started = await fixture.identity.startPasswordReset(poolId, 'forgetful@viewers.example');
      expect(started.kind).not.toBe('no-account');
      const code = await fixture.resetCodeOf(poolId, 'forgetful@viewers.example', started);
      const wrong = code === '000000' ? '111111' : '000000';
      expect((await rejection(fixture.identity.confirmPasswordReset(poolId, 'forgetful@viewers.example', wrong, 'Another-Password-9'))).kind).toBe('invalid');
      await fixture.identity.confirmPasswordReset(poolId, 'forgetful@viewers.example', code, 'Another-Password-9');
      const signedIn = await fixture.identity.signIn(poolId, 'forgetful@viewers.example', 'Another-Password-9');
      expect(signedIn.kind).toBe('signed-in');
      if (signedIn.kind === 'signed-in') expect((await fixture.identity.verifyViewerToken(poolId, signedIn.idToken))?.viewerId).toBe(viewer.viewerId);
      expect((await rejection(fixture.identity.signIn(poolId, 'forgetful@viewers.example', NEW_PASSWORD))).kind).toBe('unauthenticated');
      // Used once: the same code does not work again.
      expect((await rejection(fixture.identity.confirmPasswordReset(poolId, 'forgetful@viewers.example', code, 'Third-Password-99'))).kind).toBe('invalid');
    });

    it('answers a reset request for an unknown viewer without an error', async () => {
      expect(['sent', 'no-account']).toContain((await fixture.identity.startPasswordReset(poolId, 'stranger@viewers.example')).kind);
    });

    it("stops accepting a removed viewer's token at once", async () => {
      const viewer = await activeViewer(poolId, 'removed@viewers.example');
      expect(await fixture.identity.verifyViewerToken(poolId, viewer.idToken)).toBeDefined();
      await fixture.identity.removeViewer(poolId, viewer.viewerId);
      expect(await fixture.identity.verifyViewerToken(poolId, viewer.idToken)).toBeUndefined();
      expect((await allViewers(poolId)).some((listed) => listed.viewerId === viewer.viewerId)).toBe(false);
      expect((await rejection(fixture.identity.removeViewer(poolId, viewer.viewerId))).kind).toBe('not-found');
    });
  });
}
