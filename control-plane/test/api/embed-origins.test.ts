// Allowed embed origins become the CDN's CORS allow-list, compared with browsers' Origin headers: only http(s)
// origins (scheme, host, optional port) are accepted, normalised, and a refusal names the entry and its fault.
// `javascript:` used to be stored as "null", the Origin of sandboxed frames, which any attacker page can have.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as webEmbedOrigins from '../../src/db/migrations/0016-web-embed-origins.js';
import { updateTenant } from '../../src/domain/tenants/tenant-settings.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { insertTenant } from '../support/billing-fixtures.js';
import { createTestDatabase } from '../support/test-database.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let owner: Awaited<ReturnType<typeof signUpActiveTenant>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  owner = await signUpActiveTenant(platform, 'origins');
});
afterAll(() => platform?.close());

const update = (allowedOrigins: string[]) => owner.admin.tenants.update({ allowedOrigins });

/** The portal's call over HTTP, answered with the message a person reads. */
async function updateOverHttp(allowedOrigins: string[]): Promise<{ status: number; message?: string }> {
  const response = await fetch(`${platform.apiUrl}/trpc/tenants.update`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.session.accessToken}` },
    body: JSON.stringify({ allowedOrigins }),
  });
  const body = (await response.json()) as { error?: { message: string } };
  return { status: response.status, message: body.error?.message };
}

describe('allowed embed origins', () => {
  it('stores origins normalised (lower-case host, default port and trailing slash dropped), once each', async () => {
    const saved = await update(['HTTPS://Shop.Example.COM:443/', 'http://localhost:3000', 'http://[::1]:8080', ' https://shop.example.com ', 'http://127.0.0.1:80']);
    expect(saved.allowedOrigins).toEqual(['https://shop.example.com', 'http://localhost:3000', 'http://[::1]:8080', 'http://127.0.0.1']);
  });

  it.each([
    ['javascript:alert(1)', 'is not a web origin: only http:// and https:// sites can embed your videos.'],
    ['data:text/html,<script>alert(1)</script>', 'is not a web origin'],
    ['ftp://files.example.com', 'is not a web origin'],
    ['null', 'needs http:// or https:// in front, such as https://www.example.com.'],
    ['example.com', 'needs http:// or https:// in front'],
    ['localhost:3000', 'needs http:// or https:// in front'],
    ['*', 'has a wildcard: list each site on its own line'],
    ['https://*.example.com', 'has a wildcard'],
    ['https://example.com/films', 'has a path, query or fragment: an origin is the site only, such as https://example.com.'],
    ['https://example.com/?embed=1', 'has a path, query or fragment'],
    ['https://example.com#player', 'has a path, query or fragment'],
    ['https://example.com//', 'has a path, query or fragment'],
    ['https://user:secret@example.com', 'has a user name or password in it: give the site only, such as https://example.com.'],
    ['https://example.com@attacker.example', 'has a user name or password in it'],
    ['https:example.com', 'is not a valid web address'],
    ['https://exa mple.com', 'is not a valid web address'],
  ])('refuses %s, saying what is wrong with it', async (entry, problem) => {
    const before = (await owner.admin.tenants.me()).allowedOrigins;
    expect(await updateOverHttp(['https://fine.example.com', entry])).toMatchObject({ status: 400, message: expect.stringContaining(`allowedOrigins.1: "${entry}" ${problem}`) });
    expect((await owner.admin.tenants.me()).allowedOrigins).toEqual(before);
  });

  it('holds the same rule in the domain for callers that skip the API', async () => {
    await expect(updateTenant(platform.app.deps, owner.session.tenantId, { allowedOrigins: ['javascript:alert(1)'] })).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Allowed embed origins: "javascript:alert(1)" is not a web origin: only http:// and https:// sites can embed your videos.',
    });
    expect((await owner.admin.tenants.me()).allowedOrigins).not.toContain('null');
  });

  it('refuses a list too long for the stack input, saying so, and keeps the saved one', async () => {
    const before = (await owner.admin.tenants.me()).allowedOrigins;
    const long = Array.from({ length: 50 }, (_, index) => `https://${'player-'.repeat(12)}${index}.example.com`);
    expect(await updateOverHttp(long)).toMatchObject({ status: 400, message: expect.stringMatching(/^Allowed embed origins: the list is too long \(\d+ characters, at most 4000\)/) });
    expect((await owner.admin.tenants.me()).allowedOrigins).toEqual(before);
  });
});

describe('migrating stored origins', () => {
  it('drops what older versions stored that is not a web origin, and keeps the rest in order', async () => {
    const database = await createTestDatabase();
    try {
      const { db } = database;
      const { tenantId: messy } = await insertTenant(db);
      const { tenantId: clean } = await insertTenant(db);
      const kept = ['https://shop.example.com', 'http://localhost:3000', 'http://[::1]:8080', 'http://127.0.0.1:8081'];
      const stored = ['null', kept[0]!, 'https://example.com/films', kept[1]!, '*', 'https://*.example.com', kept[2]!, 'https://user:secret@example.com', kept[3]!];
      await db.updateTable('tenants').set({ allowed_origins: stored }).where('id', '=', messy).execute();
      await db.updateTable('tenants').set({ allowed_origins: kept }).where('id', '=', clean).execute();

      await webEmbedOrigins.up(db as unknown as Kysely<unknown>);

      const origins = async (id: string) => (await db.selectFrom('tenants').select('allowed_origins').where('id', '=', id).executeTakeFirstOrThrow()).allowed_origins;
      expect(await origins(messy)).toEqual(kept);
      expect(await origins(clean)).toEqual(kept);
    } finally {
      await database.drop();
    }
  });
});
