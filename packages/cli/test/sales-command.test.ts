// `ott sales …` against the fake control plane: prices typed in the currency's units become minor units, flags are
// checked before any request, and the answers are said in words.
import { describe, expect, it } from 'vitest';
import { run, signedInFake } from './helpers/cli-harness.js';

describe('ott sales', () => {
  it('says the account state and the platform share', async () => {
    const { ctx } = await signedInFake();
    const status = await run(['sales', 'status'], ctx);
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(status.stdout).toContain('taking payments');
    expect(status.stdout).toContain('5 % of each sale');
  });

  it('puts a rental and a subscription on sale in minor units, and lists them with their terms', async () => {
    const { server, ctx } = await signedInFake();
    const rental = await run(
      ['sales', 'create-offer', '--kind', 'rental', '--name', 'Rent Arrival', '--price', '3.99', '--currency', 'usd', '--videos', 'video-1, video-2', '--watch-hours', '48', '--start-days', '30'],
      ctx,
    );
    expect(rental).toMatchObject({ code: 0, stderr: '' });
    expect(server.inputs.get('sales.createOffer')).toEqual({
      kind: 'rental',
      name: 'Rent Arrival',
      amount: 399,
      currency: 'usd',
      videoIds: ['video-1', 'video-2'],
      rental: { startDays: 30, watchHours: 48 },
    });
    expect(rental.stdout).toBe('Offer offer-1 on sale: Rent Arrival — $3.99, 48 h to finish once started, 30 days to start; 2 titles\n');
    await run(['sales', 'create-offer', '--kind', 'subscription', '--name', 'All films', '--price', '9', '--currency', 'eur', '--interval', 'year', '--trial-days', '7', '--everything'], ctx);
    expect(server.inputs.get('sales.createOffer')).toMatchObject({ amount: 900, currency: 'eur', interval: 'year', trialDays: 7, coversEverything: true });
    await run(['sales', 'create-offer', '--kind', 'purchase', '--name', 'Own it', '--price', '1500', '--currency', 'jpy', '--collections', 'col-1'], ctx);
    expect(server.inputs.get('sales.createOffer')).toMatchObject({ amount: 1500, currency: 'jpy', collectionIds: ['col-1'] });
    const listed = await run(['sales', 'offers'], ctx);
    expect(listed.stdout).toContain('€9.00 a year, 7 days free; everything');
    expect(listed.stdout).toContain('¥1,500, to keep; 1 collection');
  });

  it('refuses a price with too many decimals, an unknown kind and a missing name before asking the server', async () => {
    const { server, ctx } = await signedInFake();
    const cents = await run(['sales', 'create-offer', '--kind', 'rental', '--name', 'X', '--price', '3.999', '--currency', 'usd'], ctx);
    expect(cents.code).toBe(2);
    expect(cents.stderr).toContain('--price must be an amount in USD with at most 2 decimals, such as 4.99 (got "3.999")');
    expect((await run(['sales', 'create-offer', '--kind', 'yen', '--name', 'X', '--price', '1', '--currency', 'jpy'], ctx)).stderr).toContain(
      '--kind must be subscription, rental, purchase or bundle',
    );
    expect((await run(['sales', 'create-offer', '--kind', 'purchase', '--price', '1', '--currency', 'usd'], ctx)).stderr).toContain('--name is required');
    expect((await run(['sales', 'create-offer', '--kind', 'purchase', '--name', 'Y', '--price', '5', '--currency', 'jpy'], ctx)).code).toBe(0);
    expect((await run(['sales', 'create-offer', '--kind', 'purchase', '--name', 'Y', '--price', '5.5', '--currency', 'jpy'], ctx)).stderr).toContain('at most 0 decimals, such as 500');
    expect(server.calls.filter((call) => call === 'sales.createOffer')).toHaveLength(1);
  });

  it('reports revenue, fees, subscribers and titles over the asked days', async () => {
    const { server, ctx } = await signedInFake();
    const report = await run(['sales', 'report', '--days', '7'], ctx);
    expect(report).toMatchObject({ code: 0, stderr: '' });
    const asked = server.inputs.get('sales.report') as { from: string; to: string };
    expect(Date.parse(asked.to) - Date.parse(asked.from)).toBe(7 * 86_400_000);
    expect(report.stdout).toContain('Last 7 days (platform fee 5 %)');
    expect(report.stdout).toMatch(/USD\s+\$12\.97\s+\$3\.99\s+\$0\.65\s+\$8\.33/);
    // Fees Stripe did not report are the plan's estimate, and say so.
    expect(report.stdout).toMatch(/EUR\s+€9\.00\s+€0\.00\s+€0\.45 \(€0\.45 estimated\)\s+€8\.55/);
    expect(report.stdout).toContain("Estimated fees: the plan's 5 % of payments whose actual fee Stripe did not report.");
    expect(report.stdout).toContain('Subscribers: 2 active, 1 in a trial, 0 past due, 1 churned');
    expect(report.stdout).toMatch(/video-1\s+Arrival\s+3\s+1/);
    expect((await run(['sales', 'report', '--days', '400'], ctx)).stderr).toContain('--days must be a whole number from 1 to 366');
  });
});
