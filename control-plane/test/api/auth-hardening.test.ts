// Sign-in hardening: failed sign-ins slow down the client that makes them and never lock the owner out; known and
// unknown accounts answer alike, in the same time; every session ends on a password change; rate limits on the
// doors an attacker would hammer (over real HTTP).
import { parseCidr, type Cidr } from '@ott/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, movableClock, postMutation, type ExtraApiServer } from '../support/api-server.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { PASSWORD, signUpActiveTenant } from '../support/tenants.js';
import { invitedViewerPassword } from '../support/mailbox.js';

let platform: TestPlatform;
/** An API server behind a trusted proxy (this machine), with a clock the tests move: X-Forwarded-For names the client. */
let proxied: ExtraApiServer;
const clock = movableClock();

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  proxied = await startApiServer({ ...platform.app.deps, clock }, [parseCidr('127.0.0.1') as Cidr]);
});
afterAll(async () => {
  await proxied?.close();
  await platform?.close();
});

const ATTACKER = '203.0.113.66';
const OWNER = '198.51.100.20';

describe('failed sign-ins', () => {
  it('slow down the client that fails, not the account: the owner signs in from their own client while an attacker hammers it', async () => {
    const { slug, email } = await signUpActiveTenant(platform, 'hammered');
    const login = (password: string, client: string) => postMutation(proxied.url, 'auth.login', { tenantSlug: slug, email, password }, client);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await login(`guess number ${attempt}`, ATTACKER)).toMatchObject({ status: 401, message: 'Wrong workspace, e-mail or password.' });
    }
    const refused = await login('guess number 5', ATTACKER);
    expect(refused).toMatchObject({ status: 429, message: 'Too many failed sign-ins from your network. Wait 30 s and try again.', retryAfterHeader: '30', retryAfterSeconds: 30 });
    // Even the right password waits on the attacker's client: it cannot tell a hit from a miss any more.
    expect((await login(PASSWORD, ATTACKER)).status).toBe(429);

    const owner = await login(PASSWORD, OWNER);
    expect(owner.status).toBe(200);
    // And in-process (no client address at all) the account was never locked either.
    expect((await platform.caller().auth.login({ tenantSlug: slug, email, password: PASSWORD })).tenantSlug).toBe(slug);
  });

  it('make the failing client wait longer after each further failure, and a correct password from it starts the count again', async () => {
    const { slug, email } = await signUpActiveTenant(platform, 'backoff');
    const client = '203.0.113.70';
    const login = (password: string) => postMutation(proxied.url, 'auth.login', { tenantSlug: slug, email, password }, client);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await login('not it')).status).toBe(401);
    expect(await login('not it')).toMatchObject({ status: 429, retryAfterSeconds: 30 });
    clock.advance(31_000);
    expect((await login('still not it')).status).toBe(401);
    expect(await login('not it')).toMatchObject({ status: 429, retryAfterSeconds: 60 });
    clock.advance(61_000);
    expect((await login('nor this')).status).toBe(401);
    expect(await login('not it')).toMatchObject({ status: 429, retryAfterSeconds: 120 });
    clock.advance(121_000);
    expect((await login(PASSWORD)).status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await login('a typo again')).status).toBe(401);
  });

  it('from one address across many accounts (password spraying) make that address wait until the hour is over, and no other', async () => {
    const sprayer = '203.0.113.80';
    const tryAccount = (index: number, client = sprayer) =>
      postMutation(proxied.url, 'auth.login', { tenantSlug: `spray-${index}`, email: `victim${index}@spray.example`, password: 'Summer2026!' }, client);
    for (let index = 0; index < 30; index += 1) {
      expect((await tryAccount(index)).status).toBe(401);
      clock.advance(5_000); // under the per-minute attempt limit: only failures count here
    }
    const refused = await tryAccount(30);
    expect(refused.status).toBe(429);
    expect(refused.retryAfterSeconds).toBeGreaterThan(3600 - 30 * 5 - 1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect((await tryAccount(30, '198.51.100.80')).status).toBe(401);
    clock.advance(3600_000);
    expect((await tryAccount(31)).status).toBe(401);
  });
});

describe('failed viewer sign-ins', () => {
  it('count an unknown workspace as a wrong password: the throttle does not tell which workspaces exist either', async () => {
    const { slug, admin } = await signUpActiveTenant(platform, 'viewer-throttle');
    await admin.viewers.invite({ email: 'fan@viewer-throttle.example' });
    const signIn = (tenantSlug: string, client: string) => postMutation(proxied.url, 'viewerAuth.signIn', { tenantSlug, email: 'fan@viewer-throttle.example', password: 'a wrong password' }, client);
    for (const [tenantSlug, client] of [
      [slug, '203.0.113.100'],
      ['no-such-site', '203.0.113.101'],
    ] as const) {
      for (let attempt = 0; attempt < 5; attempt += 1) expect(await signIn(tenantSlug, client)).toMatchObject({ status: 401, message: 'That email and password do not match.' });
      expect(await signIn(tenantSlug, client)).toMatchObject({ status: 429, message: 'Too many failed sign-ins from your network. Wait 30 s and try again.', retryAfterSeconds: 30 });
    }
  });
});

describe('known and unknown accounts', () => {
  /** Runs each attempt `rounds` times, interleaved so that a busy moment of the machine hits all of them alike. */
  async function timeAttempts(rounds: number, attempts: Record<string, () => Promise<unknown>>) {
    const durations: Record<string, number[]> = Object.fromEntries(Object.keys(attempts).map((name) => [name, []]));
    const answers: Record<string, Set<string>> = Object.fromEntries(Object.keys(attempts).map((name) => [name, new Set()]));
    for (let round = 0; round < rounds; round += 1) {
      for (const [name, attempt] of Object.entries(attempts)) {
        const started = performance.now();
        const error = (await attempt().then(
          () => ({ code: 'none', message: 'signed in' }),
          (caught: unknown) => caught,
        )) as { code: string; message: string };
        durations[name]?.push(performance.now() - started);
        answers[name]?.add(`${error.code}: ${error.message}`);
      }
    }
    const medians = Object.fromEntries(Object.entries(durations).map(([name, values]) => [name, median(values)]));
    return { medians, answers: Object.fromEntries(Object.entries(answers).map(([name, set]) => [name, [...set]])) };
  }

  function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  }

  /** The slowest median over the fastest: 1 means the answers cannot be told apart by their timing. */
  function spread(medians: Record<string, number>): number {
    const values = Object.values(medians);
    return Math.max(...values) / Math.min(...values);
  }

  it('admins: an unknown workspace, an unknown e-mail and a wrong password get the same answer in the same time', async () => {
    const { slug, email } = await signUpActiveTenant(platform, 'timing');
    const login = (input: { tenantSlug: string; email: string }) => () => platform.caller().auth.login({ ...input, password: 'a wrong password' });
    const { medians, answers } = await timeAttempts(20, {
      wrongPassword: login({ tenantSlug: slug, email }),
      unknownEmail: login({ tenantSlug: slug, email: 'nobody@timing.example' }),
      unknownWorkspace: login({ tenantSlug: 'no-such-workspace', email }),
    });
    for (const answer of Object.values(answers)) expect(answer).toEqual(['UNAUTHORIZED: Wrong workspace, e-mail or password.']);
    expect(spread(medians), JSON.stringify(medians)).toBeLessThan(1.5);
  });

  it("viewers: an unknown e-mail, a wrong password and an invited viewer's wrong password get the same answer in the same time", async () => {
    const { slug, admin } = await signUpActiveTenant(platform, 'viewer-timing');
    await admin.viewers.invite({ email: 'active@viewer-timing.example' });
    const temporaryPassword = await invitedViewerPassword(platform.database.db, 'active@viewer-timing.example');
    const first = await platform.caller().viewerAuth.signIn({ tenantSlug: slug, email: 'active@viewer-timing.example', password: temporaryPassword });
    if (first.kind !== 'new-password-required') throw new Error('a new viewer must choose a password first');
    await platform.caller().viewerAuth.completeNewPassword({ tenantSlug: slug, session: first.session, newPassword: 'Watch-Films-2026' });
    await admin.viewers.invite({ email: 'invited@viewer-timing.example' });

    const signIn = (email: string) => () => platform.caller().viewerAuth.signIn({ tenantSlug: slug, email, password: 'a wrong password' });
    const { medians, answers } = await timeAttempts(20, {
      wrongPassword: signIn('active@viewer-timing.example'),
      invitedWrongPassword: signIn('invited@viewer-timing.example'),
      unknownEmail: signIn('nobody@viewer-timing.example'),
    });
    for (const answer of Object.values(answers)) expect(answer).toEqual(['UNAUTHORIZED: That email and password do not match.']);
    expect(spread(medians), JSON.stringify(medians)).toBeLessThan(1.5);
  });

  it('viewers: an unknown workspace gets the wrong-password answer, after as much work', async () => {
    const { slug, admin } = await signUpActiveTenant(platform, 'viewer-site');
    await admin.viewers.invite({ email: 'someone@viewer-site.example' });
    const signIn = (tenantSlug: string) => () => platform.caller().viewerAuth.signIn({ tenantSlug, email: 'someone@viewer-site.example', password: 'a wrong password' });
    const { medians, answers } = await timeAttempts(20, { wrongPassword: signIn(slug), unknownWorkspace: signIn('no-such-site') });
    // A figure for the reader, not an assertion: timings on a shared machine are too noisy to gate on.
    console.info(`viewer sign-in medians: unknown workspace ${medians.unknownWorkspace?.toFixed(1)} ms vs wrong password ${medians.wrongPassword?.toFixed(1)} ms`);
    expect(answers).toEqual({ wrongPassword: ['UNAUTHORIZED: That email and password do not match.'], unknownWorkspace: ['UNAUTHORIZED: That email and password do not match.'] });
  });

  it("viewers: choosing the first password in an unknown workspace gets a bad session's answer", async () => {
    const { slug, admin } = await signUpActiveTenant(platform, 'first-password');
    await admin.viewers.invite({ email: 'new@first-password.example' });
    const temporaryPassword = await invitedViewerPassword(platform.database.db, 'new@first-password.example');
    const first = await platform.caller().viewerAuth.signIn({ tenantSlug: slug, email: 'new@first-password.example', password: temporaryPassword });
    if (first.kind !== 'new-password-required') throw new Error('a new viewer must choose a password first');
    const complete = (tenantSlug: string, session: string) =>
      platform
        .caller()
        .viewerAuth.completeNewPassword({ tenantSlug, session, newPassword: 'Watch-Films-2026' })
        .then(
          () => 'accepted',
          (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
        );
    const answers = { badSession: await complete(slug, 'not-a-session'), unknownWorkspace: await complete('no-such-site', first.session) };
    const expired = 'UNAUTHORIZED: The sign-in session has expired. Sign in again with your temporary password.';
    expect(answers).toEqual({ badSession: expired, unknownWorkspace: expired });
  });
});

describe('password change', () => {
  it('ends every other session at once: old access and refresh tokens stop working', async () => {
    const { slug, email, session } = await signUpActiveTenant(platform, 'rotate');
    const otherDevice = await platform.caller().auth.login({ tenantSlug: slug, email, password: PASSWORD });
    await expect(platform.caller(session.accessToken).auth.changePassword({ currentPassword: 'wrong current one', newPassword: 'a brand new password' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const fresh = await platform.caller(session.accessToken).auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a brand new password' });

    await expect(platform.caller(session.accessToken).tenants.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('password changed') });
    await expect(platform.caller(otherDevice.accessToken).videos.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(platform.caller().auth.refresh({ refreshToken: otherDevice.refreshToken })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await platform.caller(fresh.accessToken).tenants.me()).slug).toBe(slug);
    await expect(platform.caller().auth.login({ tenantSlug: slug, email, password: PASSWORD })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await platform.caller().auth.login({ tenantSlug: slug, email, password: 'a brand new password' });
  });
});

describe('wrong current passwords', () => {
  it('slow down the client that sends them as failed sign-ins do; a new password equal to the old one is no guess', async () => {
    const { slug, email } = await signUpActiveTenant(platform, 'change-guesses');
    // A session the moved clock accepts, as if stolen by the client below.
    const thief = '203.0.113.90';
    const { accessToken } = (await postMutation(proxied.url, 'auth.login', { tenantSlug: slug, email, password: PASSWORD }, OWNER)).data as { accessToken: string };
    const change = (currentPassword: string, client = thief, newPassword = 'a brand new password') =>
      postMutation(proxied.url, 'auth.changePassword', { currentPassword, newPassword }, client, accessToken);

    for (let attempt = 0; attempt < 6; attempt += 1)
      expect(await change(PASSWORD, thief, PASSWORD)).toMatchObject({ status: 400, message: 'Choose a new password that differs from the current one.' });
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await change(`guess number ${attempt}`)).toMatchObject({ status: 400, message: 'The current password is not right.' });
    expect(await change('guess number 5')).toMatchObject({
      status: 429,
      message: 'Too many wrong current passwords from your network. Wait 30 s and try again.',
      retryAfterHeader: '30',
      retryAfterSeconds: 30,
    });
    // The right one waits too: a hit cannot be told from a miss any more.
    expect((await change(PASSWORD)).status).toBe(429);
    clock.advance(31_000);
    expect((await change('guess number 6')).status).toBe(400);
    expect(await change('guess number 7')).toMatchObject({ status: 429, retryAfterSeconds: 60 });

    // The owner, on their own client, is not held back: the account is not locked.
    expect((await change(PASSWORD, OWNER)).status).toBe(200);
    await platform.caller().auth.login({ tenantSlug: slug, email, password: 'a brand new password' });
  });

  it('are counted on connections of their own: more changes at once than the pool has connections all get their answer', async () => {
    const { slug, email } = await signUpActiveTenant(platform, 'change-crowd');
    const { accessToken } = (await postMutation(proxied.url, 'auth.login', { tenantSlug: slug, email, password: PASSWORD }, OWNER)).data as { accessToken: string };
    const change = (index: number) =>
      postMutation(proxied.url, 'auth.changePassword', { currentPassword: `guess number ${index}`, newPassword: 'a brand new password' }, `203.0.113.${110 + index}`, accessToken);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => change(index)));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 12 }, () => 400));
  }, 30_000);

  it('meet the attempts limit per client address', async () => {
    const { slug, email } = await signUpActiveTenant(platform, 'change-burst');
    const client = '203.0.113.95';
    const { accessToken } = (await postMutation(proxied.url, 'auth.login', { tenantSlug: slug, email, password: PASSWORD }, client)).data as { accessToken: string };
    const statuses = [];
    for (let attempt = 0; attempt < 21; attempt += 1)
      statuses.push((await postMutation(proxied.url, 'auth.changePassword', { currentPassword: PASSWORD, newPassword: PASSWORD }, client, accessToken)).status);
    expect(statuses.slice(0, 20).every((status) => status === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('rate limits over HTTP', () => {
  it('answers 429 with a readable message once a client address makes too many sign-in attempts', async () => {
    const answers = [];
    for (let attempt = 0; attempt < 25; attempt += 1) {
      // A new e-mail each time: one account tried over and over meets the per-account throttle first.
      answers.push(await postMutation(platform.apiUrl, 'auth.login', { tenantSlug: 'nobody-here', email: `x${attempt}@example.com`, password: 'whatever it is' }));
    }
    expect(answers.slice(0, 20).every((answer) => answer.status === 401)).toBe(true);
    expect(answers.slice(20).every((answer) => answer.status === 429)).toBe(true);
    const last = answers[24];
    expect(last?.message).toMatch(/^Too many attempts from your network\. Wait \d+ s and try again\.$/);
    expect(Number(last?.retryAfterHeader)).toBe(last?.retryAfterSeconds);
  });
});
