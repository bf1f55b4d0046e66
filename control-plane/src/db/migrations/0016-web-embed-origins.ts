import { sql, type Kysely } from 'kysely';

// Before allowed embed origins were checked (@ott/contracts' embed-origin.ts), `javascript:…`, `data:…` and `file:…`
// entries were stored as "null" — the Origin of sandboxed frames, which any attacker page can have — and paths or
// wildcards as written. Only what the check accepts today stays: http(s), a host (name, IPv4 or [IPv6]), a port.
const WEB_ORIGIN = '^https?://([a-z0-9.-]+|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?$';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update tenants
    set allowed_origins = array(select entry from unnest(allowed_origins) with ordinality as listed(entry, position) where entry ~ ${WEB_ORIGIN} order by position)
    where exists (select 1 from unnest(allowed_origins) as listed(entry) where entry !~ ${WEB_ORIGIN})
  `.execute(db);
}

/** What was dropped cannot be told from what was kept; the entries were never valid origins. */
export async function down(): Promise<void> {}
