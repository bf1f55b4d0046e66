// videos.list pages by keyset: walking the cursors visits every video exactly once, in order, even while videos are
// added between pages; a cursor the API did not give is a 400 that says what to do; filters and sorts page the same
// way; the total is a count that stops at 10,000.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTAL_CAP } from '../../src/domain/videos/video-library.js';
import { usageByVideo, usageByVideoPage } from '../../src/domain/videos/video-usage-costs.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let tenant: Awaited<ReturnType<typeof signUpActiveTenant>>;
type ListInput = NonNullable<Parameters<ReturnType<TestPlatform['caller']>['videos']['list']>[0]>;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  tenant = await signUpActiveTenant(platform, 'pages');
  // 250 videos: every tenth one failed; titles repeat every 50 and some share a created_at to the microsecond, so
  // the id tie-breaker is what keeps the order total.
  await sql`
    insert into videos (tenant_id, title, status, source_key, source_filename, source_size, part_size, created_at)
    select ${tenant.session.tenantId}::uuid, 'Film ' || lpad((n % 50)::text, 2, '0'), case when n % 10 = 0 then 'failed' else 'ready' end,
           'sources/x/' || n, 'film.mp4', 1000, 8388608, timestamptz '2026-01-01T00:00:00.123456Z' + ((n / 3) || ' seconds')::interval
    from generate_series(1, 250) as n`.execute(platform.database.db);
}, 60_000);

afterAll(async () => {
  await platform?.close();
});

/** Every page from the first, following nextCursor; `between` runs after each page but the last. */
async function walk(input: ListInput, between?: (pageIndex: number) => Promise<void>) {
  const pages: { ids: string[]; cursor: string | null }[] = [];
  let cursor: string | undefined;
  do {
    const page = await tenant.admin.videos.list({ ...input, ...(cursor ? { cursor } : {}) });
    pages.push({ ids: page.data.map((video) => video.id), cursor: page.nextCursor });
    cursor = page.nextCursor ?? undefined;
    if (cursor && between) await between(pages.length);
  } while (cursor);
  return pages;
}

async function idsInOrder(orderBy: string, where = sql`true`) {
  const rows = await sql<{ id: string }>`select id from videos where tenant_id = ${tenant.session.tenantId} and ${where} order by ${sql.raw(orderBy)}`.execute(platform.database.db);
  return rows.rows.map((row) => row.id);
}

describe('paging through the library', () => {
  it.each([
    ['newest', 'created_at desc, id desc'],
    ['oldest', 'created_at asc, id asc'],
    ['title', 'title asc, id asc'],
  ] as const)('returns each of 250 videos exactly once, in %s order, 100 at a time', async (sort, orderBy) => {
    const pages = await walk({ sort, limit: 100 });
    expect(pages.map((page) => page.ids.length)).toEqual([100, 100, 50]);
    expect(pages.flatMap((page) => page.ids)).toEqual(await idsInOrder(orderBy));
    expect(pages.at(-1)?.cursor).toBeNull();
  });

  it('neither repeats nor skips a video when others are added between pages', async () => {
    const before = await idsInOrder('created_at desc, id desc');
    const added: string[] = [];
    const pages = await walk({ sort: 'newest', limit: 100 }, async () => {
      // Newer than everything (would shift an OFFSET page by 5 and repeat rows), and one older than everything
      // (lands after the cursor, so it is listed once, at the end).
      const rows = await sql<{ id: string }>`
        insert into videos (tenant_id, title, status, source_key, source_filename, source_size, part_size, created_at)
        select ${tenant.session.tenantId}::uuid, 'Added', 'uploading', 'sources/added', 'a.mp4', 1, 8388608, created
        from unnest(array[now(), now(), now(), now(), now(), timestamptz '2000-01-01']) as created
        returning id`.execute(platform.database.db);
      added.push(...rows.rows.map((row) => row.id));
    });
    const listed = pages.flatMap((page) => page.ids);
    expect(new Set(listed).size).toBe(listed.length);
    const oldest = (await idsInOrder('created_at asc, id asc'))[0]!;
    expect(listed.filter((id) => !added.includes(id))).toEqual(before);
    expect(listed.at(-1)).toBe(oldest);
    await sql`delete from videos where id = any(${added}::uuid[])`.execute(platform.database.db);
  });

  it('pages a status filter and a title search with the cursor, keeping the filter', async () => {
    const failed = await walk({ status: 'failed', sort: 'title', limit: 10 });
    expect(failed.map((page) => page.ids.length)).toEqual([10, 10, 5]);
    expect(failed.flatMap((page) => page.ids)).toEqual(await idsInOrder('title asc, id asc', sql`status = 'failed'`));

    const searched = await walk({ search: 'film 0', status: 'ready', sort: 'oldest', limit: 7 });
    const expected = await idsInOrder('created_at asc, id asc', sql`title ilike 'film 0%' and status = 'ready'`);
    expect(expected.length).toBe(45);
    expect(searched.flatMap((page) => page.ids)).toEqual(expected);
  });

  it('pages an access filter, alone and with a status, keeping both', async () => {
    await sql`update videos set access_mode = 'token' where tenant_id = ${tenant.session.tenantId} and title in ('Film 03', 'Film 10', 'Film 17')`.execute(platform.database.db);
    const token = await walk({ access: 'token', sort: 'newest', limit: 4 });
    const expected = await idsInOrder('created_at desc, id desc', sql`access_mode = 'token'`);
    expect(expected.length).toBe(15);
    expect(token.flatMap((page) => page.ids)).toEqual(expected);

    const readyToken = await walk({ access: 'token', status: 'ready', sort: 'title', limit: 4 });
    expect(readyToken.flatMap((page) => page.ids)).toEqual(await idsInOrder('title asc, id asc', sql`access_mode = 'token' and status = 'ready'`));
    await sql`update videos set access_mode = 'public' where tenant_id = ${tenant.session.tenantId}`.execute(platform.database.db);
  });

  it('treats % and _ in a search as text', async () => {
    expect((await tenant.admin.videos.list({ search: '%', limit: 10 })).data).toEqual([]);
    expect((await tenant.admin.videos.list({ search: 'Film _1', limit: 10 })).data).toEqual([]);
  });
});

describe('a cursor the API did not give', () => {
  const made = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['not base64 JSON', { cursor: 'not-a-cursor!' }],
    ['a JSON object', { cursor: made({ offset: 100 }) }],
    ['an id that is not a uuid', { cursor: made(['2026-01-01T00:00:00.000000Z', "1' or '1'='1"]) }],
    ['a title cursor passed with a date sort', { cursor: made(['Film 07', '00000000-0000-4000-8000-000000000000']), sort: 'newest' }],
  ] as const)('is refused with 400 and says what to do: %s', async (_, input) => {
    await expect(tenant.admin.videos.list({ limit: 10, ...input })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('pass back the nextCursor of the previous page unchanged'),
    });
  });

  it('is a 400 over HTTP too, not a server error', async () => {
    const input = encodeURIComponent(JSON.stringify({ limit: 10, cursor: made(['yesterday', 'x']) }));
    const response = await fetch(`${platform.apiUrl}/trpc/videos.list?input=${input}`, { headers: { authorization: `Bearer ${tenant.session.accessToken}` } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The cursor is not one this API gave');
  });
});

describe('the total', () => {
  it('counts the matching videos on the first page only', async () => {
    const first = await tenant.admin.videos.list({ limit: 100, withTotal: true, status: 'failed' });
    expect(first.totalCapped).toEqual({ count: 25, more: false });
    const second = await tenant.admin.videos.list({ limit: 10, withTotal: true, cursor: (await tenant.admin.videos.list({ limit: 10 })).nextCursor! });
    expect(second.totalCapped).toBeUndefined();
    expect((await tenant.admin.videos.list({ limit: 10 })).totalCapped).toBeUndefined();
  });

  it(`stops counting past ${TOTAL_CAP.toLocaleString('en-US')} and says there are more`, async () => {
    const big = await signUpActiveTenant(platform, 'big');
    await sql`
      insert into videos (tenant_id, title, status, source_key, source_filename, source_size, part_size)
      select ${big.session.tenantId}::uuid, 'Clip ' || n, 'ready', 'sources/y/' || n, 'clip.mp4', 1000, 8388608
      from generate_series(1, ${TOTAL_CAP + 5}) as n`.execute(platform.database.db);
    expect((await big.admin.videos.list({ limit: 5, withTotal: true })).totalCapped).toEqual({ count: TOTAL_CAP, more: true });
    expect((await big.admin.videos.list({ limit: 5, withTotal: true, search: 'Clip 1' })).totalCapped).toEqual({ count: 1117, more: false });
  });
});

describe('usage by video, a page at a time', () => {
  it('pages every video with usage, deleted ones included, each once, agreeing with the whole report', async () => {
    const tenantId = tenant.session.tenantId;
    const deleted = '00000000-0000-4000-8000-0000000000d1';
    await sql`
      insert into usage_events (tenant_id, event_key, meter, quantity, video_id, occurred_at)
      select ${tenantId}::uuid, 'keyset-' || v.id, 'egress', 1000000, v.id, now() - interval '1 hour'
      from (select id from videos where tenant_id = ${tenantId} limit 40) v
      union all select ${tenantId}::uuid, 'keyset-deleted', 'egress', 5, ${deleted}::uuid, now() - interval '1 hour'`.execute(platform.database.db);
    const range = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60_000) };
    const deps = { db: platform.database.db };
    const whole = await usageByVideo(deps, tenantId, range);
    const paged = [];
    let cursor: string | undefined;
    do {
      const page = await usageByVideoPage(deps, tenantId, range, { limit: 60, ...(cursor ? { cursor } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(60);
      paged.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged.map((usage) => usage.videoId)).toEqual(whole.map((usage) => usage.videoId).toSorted());
    expect(paged.find((usage) => usage.videoId === deleted)).toMatchObject({ title: null });
    expect(paged.toSorted((a, b) => a.videoId.localeCompare(b.videoId))).toEqual(whole.toSorted((a, b) => a.videoId.localeCompare(b.videoId)));
    await expect(usageByVideoPage(deps, tenantId, range, { limit: 10, cursor: 'bm9wZQ' })).rejects.toMatchObject({ kind: 'invalid' });
  });
});
