import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialsPath, loadSession, saveSession } from '../src/credentials-store.js';
import { run, signIn, testContext } from './helpers/cli-harness.js';
import { startFake, PASSWORD, type FakeOptions } from './helpers/fake-control-plane.js';
import { tempDir } from './helpers/temp-dir.js';

async function setup(options: FakeOptions = {}) {
  const server = await startFake(options);
  const configDir = path.join(await tempDir(), 'config');
  return { server, configDir, ctx: testContext(server.url, configDir) };
}

const SIGNUP = ['signup', '--company', 'Acme Films', '--slug', 'acme', '--email', 'owner@acme.test'];

describe('signup, login, logout', () => {
  it('signup saves the session (0600) and says provisioning is under way', async () => {
    const { server, configDir, ctx } = await setup();
    const result = await run([...SIGNUP, '--password', PASSWORD], ctx);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: `Created workspace acme (Acme Films) at ${server.url}; signed in as owner@acme.test.\nProvisioning is under way (storage, signing keys, viewer pool); uploads open once it is active, usually within seconds.\n`,
    });
    expect(await loadSession(configDir, server.url)).toMatchObject({ tenantSlug: 'acme', email: 'owner@acme.test' });
    expect((await stat(credentialsPath(configDir))).mode & 0o777).toBe(0o600);
  });

  it('signup --wait polls until the workspace is active', async () => {
    const { server, ctx } = await setup({ provisioningPolls: 2 });
    const result = await run([...SIGNUP, '--wait'], { ...ctx, password: PASSWORD });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Workspace acme is active on the Starter plan.\n');
    expect(server.calls).toEqual(['tenants.signup', 'tenants.me', 'tenants.me', 'tenants.me']);
  });

  it('signup --wait exits 1 with the reason when provisioning fails', async () => {
    const { ctx } = await setup({ provisioningFailure: 'The storage bucket could not be created.' });
    const result = await run([...SIGNUP, '--wait', '--password', PASSWORD], ctx);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: setting up workspace acme failed: The storage bucket could not be created.\n');
  });

  it('signup asks twice for the password at a terminal', async () => {
    const { ctx } = await setup();
    const asked: string[] = [];
    const answers = [PASSWORD, 'something else'];
    const promptPassword = async (label: string) => (asked.push(label), answers.shift() ?? '');
    const result = await run(SIGNUP, { ...ctx, promptPassword });
    expect(asked).toEqual(['Password: ', 'Repeat password: ']);
    expect(result).toMatchObject({ code: 1, stderr: 'error: the passwords do not match\n' });
  });

  it("prints the server's message when signup is refused", async () => {
    const { ctx } = await setup();
    const result = await run(['signup', '--company', 'X', '--slug', 'taken', '--email', 'a@b.test', '--password', PASSWORD], ctx);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'error: The workspace name "taken" is taken. Choose another one.\n' });
  });

  it('login stores the session; a wrong password prints the server message and exits 1', async () => {
    const { server, configDir, ctx } = await setup();
    const wrong = await run(['login', '--tenant', 'acme', '--email', 'owner@acme.test', '--password', 'nope'], ctx);
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: 'error: Wrong workspace, e-mail or password.\n' });
    const right = await run(['login', '--tenant', 'acme', '--email', 'owner@acme.test'], { ...ctx, password: PASSWORD });
    expect(right).toEqual({ code: 0, stderr: '', stdout: `Signed in to workspace acme at ${server.url} as owner@acme.test.\n` });
    expect(await loadSession(configDir, server.url)).toBeDefined();
  });

  it('keeps sessions for different API URLs apart, and logout removes only its own', async () => {
    const { server, configDir, ctx } = await setup();
    const other = 'http://api.example.test';
    await run(['login', '--tenant', 'acme', '--email', 'owner@acme.test', '--password', PASSWORD], ctx);
    await saveSession(configDir, other, await signIn(server, configDir));
    const result = await run(['logout'], ctx);
    expect(result).toEqual({ code: 0, stderr: '', stdout: `Signed out of workspace acme at ${server.url}.\n` });
    expect(server.calls).toContain('auth.logout');
    expect(await loadSession(configDir, server.url)).toBeUndefined();
    expect(await loadSession(configDir, other)).toBeDefined();
    expect((await run(['logout'], ctx)).stdout).toBe(`Not signed in at ${server.url}.\n`);
  });
});

describe('videos, play-url, usage', () => {
  const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];

  async function library() {
    const context = await setup();
    await signIn(context.server, context.configDir);
    context.server.addVideo({ id: ids[0] ?? '', title: 'Launch film', sourceSize: 1_000_000, durationSeconds: 90 });
    context.server.addVideo({ id: ids[1] ?? '', title: 'Teaser', status: 'processing', progress: 0.42, sourceSize: 500_000, durationSeconds: 30 });
    context.server.addVideo({ id: ids[2] ?? '', title: 'Outtakes', sourceSize: 2_000_000, durationSeconds: 3_600 });
    return context;
  }

  it('lists videos as a table', async () => {
    const { ctx } = await library();
    const result = await run(['videos', 'list'], ctx);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'ID                                    STATUS          DURATION  TITLE',
      `${ids[0]}  ready           1:30      Launch film`,
      `${ids[1]}  processing 42%  0:30      Teaser`,
      `${ids[2]}  ready           1:00:00   Outtakes`,
      '',
    ]);
  });

  it('lists videos as the JSON array the API returns, filtered by status', async () => {
    const { ctx } = await library();
    const result = await run(['videos', 'list', '--json', '--status', 'ready'], ctx);
    const videos = JSON.parse(result.stdout) as { id: string; createdAt: unknown }[];
    expect(videos.map((video) => video.id)).toEqual([ids[0], ids[2]]);
    expect(typeof videos[0]?.createdAt).toBe('string');
  });

  it('lists a library larger than one page, following the cursor until the last page', async () => {
    const context = await library();
    for (let index = 0; index < 450; index++) context.server.addVideo({ id: `44444444-4444-4444-8444-${String(index).padStart(12, '0')}`, title: `Clip ${index}` });
    const calls = context.server.calls.length;
    const videos = JSON.parse((await run(['videos', 'list', '--json'], context.ctx)).stdout) as { id: string }[];
    expect(videos).toHaveLength(453);
    expect(new Set(videos.map((video) => video.id)).size).toBe(453);
    expect(context.server.calls.slice(calls)).toEqual(['videos.list', 'videos.list', 'videos.list']);
  });

  it('shows one video with its renditions, sizes in decimal units as the portal shows them', async () => {
    const { ctx } = await library();
    const result = await run(['videos', 'get', ids[0] ?? ''], ctx);
    expect(result.stdout).toContain('title     Launch film\n');
    expect(result.stdout).toContain('source    film.mp4 (1 MB)\n');
    expect(result.stdout).toMatch(/RENDITION\s+RESOLUTION[\s\S]*360p\s+640x360\s+25\s+0\.80 Mbit\/s\s+6 MB\s/);
    const json = JSON.parse((await run(['videos', 'get', ids[0] ?? '', '--json'], ctx)).stdout) as { renditions: unknown[] };
    expect(json.renditions).toHaveLength(1);
  });

  it('says which video does not exist', async () => {
    const { ctx } = await library();
    expect(await run(['videos', 'get', '44444444-4444-4444-8444-444444444444'], ctx)).toEqual({ code: 1, stdout: '', stderr: 'error: The video was not found.\n' });
  });

  it('play-url prints the signed manifest URL and nothing else', async () => {
    const { server, ctx } = await library();
    const result = await run(['play-url', ids[0] ?? ''], ctx);
    expect(result).toEqual({ code: 0, stderr: '', stdout: `${server.url}/t/${(await loadSession(ctx.configDir, server.url))?.tenantId}/v/${ids[0]}/master.m3u8?Policy=p&Signature=s&Key-Pair-Id=k\n` });
    expect((await run(['play-url', ids[1] ?? ''], ctx)).stderr).toBe('error: This video is not ready yet (processing). Try again shortly.\n');
  });

  it('usage shows usage by day, the invoice preview and the cost per video', async () => {
    const { server, ctx } = await library();
    server.usage.days = [
      { day: '2026-11-20', transcodeMinutes: 12.5, egressGB: 0.0024, storageSourceGBHours: 1.2, storageRenditionGBHours: 0.6, plays: 3 },
      { day: '2026-11-21', transcodeMinutes: 0, egressGB: 1250, storageSourceGBHours: 1.2, storageRenditionGBHours: 0.6, plays: 41 },
    ];
    server.usage.preview = {
      period: { startsAt: '2026-11-01T00:00:00.000Z', endsAt: '2026-12-01T00:00:00.000Z' },
      plan: { id: 'pro', name: 'Pro' },
      currency: 'usd',
      lines: [
        { kind: 'fee', meter: null, description: 'Pro plan, monthly fee', quantity: 1, included: 0, billable: 1, unit: 'month', unitPrice: null, amountCents: 4900, base: null },
        {
          kind: 'usage',
          meter: 'transcode',
          description: 'Transcoding',
          quantity: 12.5,
          included: 1000,
          billable: 0,
          unit: 'normalised minutes',
          unitPrice: '$0.015 per normalised minute',
          amountCents: 0,
          base: { quantity: '750', included: '60000', billable: '0' },
        },
        {
          kind: 'usage',
          meter: 'egress',
          description: 'Delivery egress',
          quantity: 1250.0024,
          included: 1000,
          billable: 250.0024,
          unit: 'GB',
          unitPrice: '$0.1 per GB',
          amountCents: 2500,
          base: { quantity: '1250002400000', included: '1000000000000', billable: '250002400000' },
        },
      ],
      totalCents: 7400,
      asOf: '2026-11-21T12:00:00.000Z',
    };
    server.usage.videos = [
      { videoId: ids[0], title: 'Launch film', transcodeMinutes: 12.5, egressGB: 1250.0024, plays: 44, storedGB: 1.8, costCents: { transcode: 19, egress: 12500, storagePerMonth: 9, total: 12528 } },
      { videoId: ids[2], title: null, transcodeMinutes: 0, egressGB: 0, plays: 0, storedGB: 0, costCents: { transcode: 0, egress: 0, storagePerMonth: 0, total: 0 } },
    ];

    const human = await run(['usage'], ctx);
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')).toEqual([
      'Usage, last 7 days:',
      'DAY (UTC)   TRANSCODE MIN  EGRESS  STORED GB-H  PLAYS',
      '2026-11-15  0              0 B     0            0',
      '2026-11-16  0              0 B     0            0',
      '2026-11-17  0              0 B     0            0',
      '2026-11-18  0              0 B     0            0',
      '2026-11-19  0              0 B     0            0',
      '2026-11-20  12.5           2.4 MB  1.8          3',
      '2026-11-21  0              1.3 TB  1.8          41',
      'total       12.5           1.3 TB  3.6          44',
      '',
      'Invoice preview, Pro plan, 2026-11-01 to 2026-12-01 (usage recorded so far):',
      'ITEM                   USED                     INCLUDED  BILLABLE  AMOUNT',
      'Pro plan, monthly fee                                               $49.00',
      'Transcoding            12.5 normalised minutes  1,000     0         $0.00',
      'Delivery egress        1,250.002 GB             1,000     250.002   $25.00',
      'total so far                                                        $74.00',
      '',
      "Cost per video, last 7 days (at your plan's usage prices, before what the plan includes; storage for a month):",
      'VIDEO                                 TITLE        TRANSCODE MIN  EGRESS  PLAYS  STORED  COST',
      `${ids[0]}  Launch film  12.5           1.3 TB  44     1.8 GB  $125.28`,
      `${ids[2]}  (deleted)    0              0 B     0      0 B     $0.00`,
      '',
    ]);
    expect(server.inputs.get('usage.summary')).toEqual({ days: 7 });

    const json = JSON.parse((await run(['usage', '--json', '--days', '2'], ctx)).stdout) as {
      usage: { days: unknown[]; totals: { plays: number } };
      invoicePreview: { totalCents: number };
      videos: unknown[];
    };
    expect(json.usage.days).toHaveLength(2);
    expect(json.usage.totals.plays).toBe(44);
    expect(json.invoicePreview.totalCents).toBe(7400);
    expect(json.videos).toHaveLength(2);
    expect(server.inputs.get('usage.byVideo')).toEqual({ days: 2 });
  });

  it('usage refuses a --days it cannot ask for', async () => {
    const { ctx } = await library();
    expect(await run(['usage', '--days', '0'], ctx)).toEqual({ code: 2, stdout: '', stderr: 'error: --days must be a whole number from 1 to 366 (got "0")\nRun \'ott usage --help\' for usage.\n' });
    expect((await run(['usage', '--days', 'week'], ctx)).code).toBe(2);
  });
});
