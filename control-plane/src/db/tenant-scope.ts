// Runs a piece of work on one connection switched to the `ott_app` role with `ott.tenant_id` set, so that
// row-level security limits every query to that tenant's rows, including a query that forgot its filter.
import { sql } from 'kysely';
import type { Db } from './database.js';

export function withTenantScope<T>(db: Db, tenantId: string, run: (scoped: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    // One round trip each way: `set_config('role', …)` is `SET ROLE` in a form that takes parameters.
    await sql`select set_config('ott.tenant_id', ${tenantId}, false), set_config('role', 'ott_app', false)`.execute(connection);
    try {
      return await run(connection);
    } finally {
      // The connection goes back to the pool: it must leave as it came.
      await sql`select set_config('role', 'none', false), set_config('ott.tenant_id', '', false)`.execute(connection);
    }
  });
}
